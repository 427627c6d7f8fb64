#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"
#include "core/remote/agent/httpmessage.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ChuteDeck::Core {

// JSON request bodies of the API, checked with errors that name the field.
inline constexpr qsizetype kMaxJsonBody = qsizetype{1024} * 1024;

// The body as a JSON document: "malformed JSON at offset 12: unterminated object".
Result<QJsonValue> jsonBody(const HttpRequest &request);
// The body as an object; an empty body is {} when `emptyAllowed` (ParaDrop's start, stop, restart).
Result<QJsonObject> jsonObjectBody(const HttpRequest &request, bool emptyAllowed = false);

// A member that must be an object when present: "config: must be a JSON object".
Result<QJsonObject> objectMember(const QJsonObject &object, const QString &key, bool required);
// {"NAME": "value", ...}; numbers and booleans are taken as text, as ParaDrop's YAML did.
Result<TextPairs> environmentMember(const QJsonObject &object, const QString &key);

// The status that tells a client what went wrong: 400 for bad input, 404 for what is missing.
HttpResponse errorResponse(const Error &error);

} // namespace ChuteDeck::Core
