// A tiny JSON value: what a router puts in a response body, and what the
// tests read back, as FastAPI's TestClient gives response.json().
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace engram::json {

class Value {
 public:
  enum class Kind { Null, Bool, Integer, Number, String, Array, Object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool value) : kind_(Kind::Bool), boolean_(value) {}
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T value) : kind_(Kind::Integer), integer_(static_cast<long long>(value)) {}
  Value(double value) : kind_(Kind::Number), number_(value) {}
  Value(const char* value) : kind_(Kind::String), string_(value) {}
  Value(std::string value) : kind_(Kind::String), string_(std::move(value)) {}

  static Value array(std::vector<Value> items = {});
  static Value object(std::initializer_list<std::pair<std::string, Value>> members = {});

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_integer() const { return kind_ == Kind::Integer; }
  // An integer is a number too.
  bool is_number() const { return kind_ == Kind::Number || kind_ == Kind::Integer; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_object() const { return kind_ == Kind::Object; }

  // Each accessor throws std::logic_error when the value has another kind.
  bool as_bool() const;
  long long as_integer() const;
  double as_number() const;
  const std::string& as_string() const;

  // Arrays: elements in order. Objects: member values in insertion order.
  std::size_t size() const;
  const std::vector<Value>& items() const;
  const Value& at(std::size_t index) const;  // throws std::out_of_range
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  const Value& operator[](I index) const {
    return at(static_cast<std::size_t>(index));
  }

  // Objects: member names in insertion order; set() replaces an existing member.
  std::vector<std::string> keys() const;
  bool contains(const std::string& key) const;
  const Value& operator[](const std::string& key) const;  // throws std::out_of_range
  const Value& operator[](const char* key) const { return (*this)[std::string(key)]; }
  Value& set(const std::string& key, Value value);
  void push_back(Value value);

  // Compact JSON text, members in insertion order.
  std::string dump() const;

  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  void require(Kind kind, const char* what) const;
  void dump_to(std::string& out) const;

  Kind kind_ = Kind::Null;
  bool boolean_ = false;
  long long integer_ = 0;
  double number_ = 0.0;
  std::string string_;
  std::vector<Value> items_;       // array elements, or object member values
  std::vector<std::string> keys_;  // object member names, parallel to items_
};

std::ostream& operator<<(std::ostream& out, const Value& value);

}  // namespace engram::json
