#pragma once

#include "core/base/result.h"

#include <QSslConfiguration>
#include <QString>

namespace ChuteDeck::Core {

// The agent's TLS configuration (chutedeck-agent --tls-cert FILE --tls-key FILE): the PEM
// certificate (optionally followed by its chain) and its unencrypted PEM private key, RSA or EC.
// Clients verify it by pinning its fingerprint, so a self-signed certificate is the normal case.
// Errors name the file.
Result<QSslConfiguration> serverTlsConfiguration(const QString &certificateFile,
                                                 const QString &keyFile);

} // namespace ChuteDeck::Core
