#include "engram/chat_router.hpp"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "validation.hpp"

namespace engram {

ChatRouter::ChatRouter(AgentChat& agent, ContextEnricher& enricher,
                       ConversationPersister& persister)
    : agent_(agent),
      enricher_(enricher),
      persister_(persister),
      owned_ids_(std::make_unique<RandomIdGenerator>()),
      ids_(*owned_ids_) {}

ChatRouter::ChatRouter(AgentChat& agent, ContextEnricher& enricher,
                       ConversationPersister& persister, IdGenerator& ids)
    : agent_(agent), enricher_(enricher), persister_(persister), ids_(ids) {}

HttpResponse ChatRouter::send_message(const ChatRequest& request) {
  if (detail::is_blank(request.message)) {
    return error_response(status::bad_request, "message must not be empty");
  }
  if (request.message.size() > max_message_length) {
    return error_response(status::bad_request, "message is longer than " +
                                                    std::to_string(max_message_length) +
                                                    " bytes");
  }
  if (request.session_id && !detail::is_valid_identifier(*request.session_id)) {
    return error_response(status::bad_request,
                          "session_id must be 1 to 128 letters, digits, '-' or '_'");
  }
  if (request.user_id && !detail::is_valid_identifier(*request.user_id)) {
    return error_response(status::bad_request,
                          "user_id must be 1 to 128 letters, digits, '-' or '_'");
  }

  const std::string session_id = request.session_id ? *request.session_id : ids_.next();
  const std::string user_id = request.user_id ? *request.user_id : default_user_id;
  const std::string message_id = ids_.next();

  // Without enrichment the agent answers without history or facts.
  EnrichedContext context;
  bool enriched = true;
  try {
    context = enricher_.enrich_context(session_id, user_id, request.message);
  } catch (const std::exception&) {
    enriched = false;
  }
  // The agent always works on this session, whatever the enricher returned.
  context.session_id = session_id;
  context.user_id = user_id;

  AgentReply reply;
  try {
    reply = agent_.agent_chat(request.message, context);
  } catch (const UpstreamTimeout&) {
    return error_response(status::gateway_timeout, "the agent did not answer in time");
  } catch (const std::exception&) {
    return error_response(status::bad_gateway, "the agent failed to answer");
  }
  if (detail::is_blank(reply.content)) {
    return error_response(status::bad_gateway, "the agent returned an empty reply");
  }

  try {
    persister_.persist_conversation(
        session_id, user_id, {Message{"user", request.message}, Message{"assistant", reply.content}});
  } catch (const std::exception&) {
    return error_response(status::internal_error, "the conversation could not be saved");
  }

  auto body = json::object({
      {"message_id", message_id},
      {"session_id", session_id},
      {"content", reply.content},
      {"agent_id", reply.agent_id},
      {"tokens_used", reply.tokens_used},
      {"context_enriched", enriched},
  });
  return {status::ok, std::move(body)};
}

}  // namespace engram
