#include "core/remote/agent/chutetar.h"
#include "core/remote/agent/httpmessage.h"
#include "core/remote/agent/tokensigner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

// What pdtools sends for `node list-chutes`, with its bearer token.
void parseRequestHeadOfAListing(benchmark::State &state)
{
    const QByteArray head
        = "GET /api/v1/chutes/ HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
          "User-Agent: python-requests/2.28.1\r\nAccept-Encoding: gzip, deflate\r\n"
          "Accept: */*\r\nConnection: keep-alive\r\nAuthorization: Bearer "
          + QByteArray(160, 'x') + "\r\n\r\n";
    const HttpLimits limits;
    for (auto _ : state) {
        auto request = parseRequestHead(head, limits);
        benchmark::DoNotOptimize(request);
    }
}

// Every authenticated request checks its token.
void verifyToken(benchmark::State &state)
{
    const TokenSigner signer = TokenSigner::withKey(QByteArray(32, 'k'));
    const QByteArray token = signer.issue(u"admin"_s).value();
    for (auto _ : state) {
        Result<QString> user = signer.verify(token);
        benchmark::DoNotOptimize(user);
    }
}

// pdtools install-chute: the tar of the two-services sample (paradrop.yaml and a web folder).
void unpackChuteUpload(benchmark::State &state)
{
    QProcess tar;
    tar.setWorkingDirectory(QStringLiteral(CHUTEDECK_SAMPLE_CHUTES) + u"/two-services"_s);
    tar.start(u"tar"_s, {u"cf"_s, u"-"_s, u"."_s});
    tar.waitForFinished();
    const QByteArray upload = tar.readAllStandardOutput();
    for (auto _ : state) {
        QTemporaryDir folder;
        Result<void> unpacked = unpackChuteTar(upload, folder.path());
        benchmark::DoNotOptimize(unpacked);
    }
    state.SetBytesProcessed(qint64(state.iterations()) * upload.size());
}

} // namespace

BENCHMARK(parseRequestHeadOfAListing);
BENCHMARK(verifyToken);
BENCHMARK(unpackChuteUpload)->Unit(benchmark::kMicrosecond);
