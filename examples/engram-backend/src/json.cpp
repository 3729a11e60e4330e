#include "engram/json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace engram::json {
namespace {

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Integer: return "integer";
    case Value::Kind::Number: return "number";
    case Value::Kind::String: return "string";
    case Value::Kind::Array: return "array";
    case Value::Kind::Object: return "object";
  }
  return "unknown";
}

void dump_string(const std::string& text, std::string& out) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

Value Value::array(std::vector<Value> items) {
  Value value;
  value.kind_ = Kind::Array;
  value.items_ = std::move(items);
  return value;
}

Value Value::object(std::initializer_list<std::pair<std::string, Value>> members) {
  Value value;
  value.kind_ = Kind::Object;
  for (const auto& member : members) value.set(member.first, member.second);
  return value;
}

void Value::require(Kind kind, const char* what) const {
  if (kind_ != kind) {
    throw std::logic_error(std::string("json: ") + what + " on a " + kind_name(kind_) + " value");
  }
}

bool Value::as_bool() const {
  require(Kind::Bool, "as_bool()");
  return boolean_;
}

long long Value::as_integer() const {
  require(Kind::Integer, "as_integer()");
  return integer_;
}

double Value::as_number() const {
  if (kind_ == Kind::Integer) return static_cast<double>(integer_);
  require(Kind::Number, "as_number()");
  return number_;
}

const std::string& Value::as_string() const {
  require(Kind::String, "as_string()");
  return string_;
}

std::size_t Value::size() const {
  if (kind_ != Kind::Object) require(Kind::Array, "size()");
  return items_.size();
}

const std::vector<Value>& Value::items() const {
  if (kind_ != Kind::Object) require(Kind::Array, "items()");
  return items_;
}

const Value& Value::at(std::size_t index) const {
  require(Kind::Array, "at()");
  if (index >= items_.size()) {
    throw std::out_of_range("json: index " + std::to_string(index) + " out of range");
  }
  return items_[index];
}

std::vector<std::string> Value::keys() const {
  require(Kind::Object, "keys()");
  return keys_;
}

bool Value::contains(const std::string& key) const {
  require(Kind::Object, "contains()");
  return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
}

const Value& Value::operator[](const std::string& key) const {
  require(Kind::Object, "operator[](key)");
  const auto found = std::find(keys_.begin(), keys_.end(), key);
  if (found == keys_.end()) throw std::out_of_range("json: no member \"" + key + "\"");
  return items_[static_cast<std::size_t>(found - keys_.begin())];
}

Value& Value::set(const std::string& key, Value value) {
  require(Kind::Object, "set()");
  const auto found = std::find(keys_.begin(), keys_.end(), key);
  if (found != keys_.end()) {
    items_[static_cast<std::size_t>(found - keys_.begin())] = std::move(value);
  } else {
    keys_.push_back(key);
    items_.push_back(std::move(value));
  }
  return *this;
}

void Value::push_back(Value value) {
  require(Kind::Array, "push_back()");
  items_.push_back(std::move(value));
}

std::string Value::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

void Value::dump_to(std::string& out) const {
  switch (kind_) {
    case Kind::Null: out += "null"; break;
    case Kind::Bool: out += boolean_ ? "true" : "false"; break;
    case Kind::Integer: out += std::to_string(integer_); break;
    case Kind::Number: {
      if (!std::isfinite(number_)) {
        out += "null";  // JSON has no NaN or infinity
        break;
      }
      std::ostringstream text;
      text << std::setprecision(15) << number_;
      out += text.str();
      break;
    }
    case Kind::String: dump_string(string_, out); break;
    case Kind::Array:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i != 0) out += ',';
        items_[i].dump_to(out);
      }
      out += ']';
      break;
    case Kind::Object:
      out += '{';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i != 0) out += ',';
        dump_string(keys_[i], out);
        out += ':';
        items_[i].dump_to(out);
      }
      out += '}';
      break;
  }
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case Value::Kind::Null: return true;
    case Value::Kind::Bool: return a.boolean_ == b.boolean_;
    case Value::Kind::Integer: return a.integer_ == b.integer_;
    case Value::Kind::Number: return a.number_ == b.number_;
    case Value::Kind::String: return a.string_ == b.string_;
    case Value::Kind::Array: return a.items_ == b.items_;
    case Value::Kind::Object: return a.keys_ == b.keys_ && a.items_ == b.items_;
  }
  return false;
}

std::ostream& operator<<(std::ostream& out, const Value& value) { return out << value.dump(); }

}  // namespace engram::json
