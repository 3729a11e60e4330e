// POST /chat: one message in, the agent's reply out.
#pragma once

#include <cstddef>
#include <memory>

#include "engram/http.hpp"
#include "engram/ids.hpp"
#include "engram/model.hpp"
#include "engram/services.hpp"

namespace engram {

// send_message():
//   1. validates the request (400, no service called): the message is not
//      blank and at most max_message_length bytes; a session or user id, when
//      given, is 1 to 128 of [A-Za-z0-9_-];
//   2. takes the session id, or creates one, and a new message id;
//   3. enrich_context(session, user, message); when that fails the agent
//      still answers, without history ("context_enriched": false);
//   4. agent_chat(message, context): a timeout is 504, any other failure or
//      an empty reply is 502; nothing is persisted then;
//   5. persist_conversation(session, user, [user turn, assistant turn]): a
//      failure is 500;
//   6. 200 with {"message_id", "session_id", "content", "agent_id",
//      "tokens_used", "context_enriched"}.
// Error bodies are {"detail": ...} and never carry a service's own message.
class ChatRouter {
 public:
  static constexpr std::size_t max_message_length = 8000;
  static constexpr const char* default_user_id = "anonymous";

  // Ids from a RandomIdGenerator.
  ChatRouter(AgentChat& agent, ContextEnricher& enricher, ConversationPersister& persister);
  ChatRouter(AgentChat& agent, ContextEnricher& enricher, ConversationPersister& persister,
             IdGenerator& ids);

  HttpResponse send_message(const ChatRequest& request);

 private:
  AgentChat& agent_;
  ContextEnricher& enricher_;
  ConversationPersister& persister_;
  std::unique_ptr<IdGenerator> owned_ids_;
  IdGenerator& ids_;
};

}  // namespace engram
