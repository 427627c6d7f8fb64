// Bounded random input against what the agent parses from the network: request heads
// (http_parser), chute uploads (libarchive) and JSON bodies. Every input must end in a value or a
// clear error, never a crash or a hang; the seeds are fixed, so a failure replays.
#include "core/remote/agent/chutetar.h"
#include "core/remote/agent/httpmessage.h"
#include "core/remote/agent/requestbody.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

namespace {

constexpr int kRounds = 20000;

const QList<QByteArray> kHeadPieces{"GET ",
                                    "POST ",
                                    "PUT ",
                                    "PATCH ",
                                    "DELETE ",
                                    "CONNECT ",
                                    "/api/v1/chutes/",
                                    "/ws/changes/1/stream",
                                    "?format=chutedeck&from=",
                                    "%00",
                                    "%ff",
                                    "%2e%2e/",
                                    " HTTP/1.1",
                                    " HTTP/1.0",
                                    " HTTP/2.0",
                                    "\r\n",
                                    "\n",
                                    "Host: x",
                                    "Content-Length: ",
                                    "-1",
                                    "99999999999999999999",
                                    "0",
                                    "12",
                                    "Transfer-Encoding: chunked",
                                    "Upgrade: websocket",
                                    "Connection: Upgrade, close",
                                    "Authorization: Bearer ",
                                    ":",
                                    " ",
                                    "\t",
                                    "\0",
                                    "\xff\xfe"};

QByteArray randomBytes(QRandomGenerator &random, int maxSize)
{
    QByteArray bytes(int(random.bounded(maxSize + 1)), '\0');
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

// Mostly well-formed pieces in random order, so the parser gets past the request line.
QByteArray randomHead(QRandomGenerator &random)
{
    QByteArray head;
    const int pieces = int(random.bounded(1, 24));
    for (int i = 0; i < pieces; ++i) {
        head += random.bounded(8) == 0 ? randomBytes(random, 8)
                                       : kHeadPieces.at(random.bounded(kHeadPieces.size()));
    }
    return head + "\r\n\r\n";
}

QByteArray mutate(QRandomGenerator &random, QByteArray bytes)
{
    const int flips = int(random.bounded(1, 16));
    for (int i = 0; i < flips && !bytes.isEmpty(); ++i)
        bytes[random.bounded(bytes.size())] = char(random.bounded(256));
    if (random.bounded(4) == 0)
        bytes.truncate(random.bounded(bytes.size() + 1));
    return bytes;
}

// A small valid ustar archive holding paradrop.yaml, the seed for mutations.
QByteArray seedTar()
{
    const QByteArray content = "name: fuzz\nservices:\n  main:\n    type: image\n    image: x\n";
    QByteArray header(512, '\0');
    header.replace(0, 13, "paradrop.yaml");
    header.replace(100, 7, "0000644");
    header.replace(108, 7, "0000000");
    header.replace(116, 7, "0000000");
    header.replace(124, 11, QByteArray::number(content.size(), 8).rightJustified(11, '0'));
    header.replace(136, 11, "00000000000");
    header[156] = '0';
    header.replace(257, 6, QByteArray("ustar\0", 6));
    header.replace(263, 2, "00");
    header.replace(148, 8, "        ");
    int sum = 0;
    for (const char byte : std::as_const(header))
        sum += static_cast<unsigned char>(byte);
    header.replace(148, 7, QByteArray(QByteArray::number(sum, 8).rightJustified(6, '0') + '\0'));
    QByteArray body = content;
    body.resize(512, '\0');
    return header + body + QByteArray(1024, '\0');
}

} // namespace

class TestAgentFuzz final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestHeads();
    void chuteUploads();
    void jsonBodies();
};

void TestAgentFuzz::requestHeads()
{
    QRandomGenerator random(20261125);
    const HttpLimits limits;
    int parsed = 0;
    for (int round = 0; round < kRounds; ++round) {
        const QByteArray head
            = round % 4 == 0 ? randomBytes(random, 512) + "\r\n\r\n" : randomHead(random);
        const auto result = parseRequestHead(head, limits);
        if (const auto *failure = std::get_if<HttpFailure>(&result)) {
            QVERIFY(failure->status >= 400 && failure->status < 600);
            QVERIFY(!failure->message.isEmpty());
            continue;
        }
        const auto &request = std::get<HttpRequest>(result);
        QVERIFY(request.path.startsWith(u'/'));
        QVERIFY(request.contentLength >= 0 && request.contentLength <= limits.maxBodyBytes);
        ++parsed;
    }
    QVERIFY(parsed > 0); // the generator does reach the accepting paths
}

void TestAgentFuzz::chuteUploads()
{
    QRandomGenerator random(8080);
    const QByteArray seed = seedTar();
    QTemporaryDir check;
    QVERIFY(unpackChuteTar(seed, check.path()).ok());
    for (int round = 0; round < kRounds / 10; ++round) {
        QTemporaryDir folder;
        const QByteArray upload = round % 3 == 0 ? randomBytes(random, 2048) : mutate(random, seed);
        const Result<void> unpacked = unpackChuteTar(upload, folder.path());
        if (!unpacked) {
            QCOMPARE(unpacked.error().code, ErrorCode::InvalidChute);
            QVERIFY(unpacked.error().message.startsWith(u"chute upload: "_s));
        }
    }
}

void TestAgentFuzz::jsonBodies()
{
    QRandomGenerator random(6902);
    const QByteArray seed = R"({"config": {"name": "x", "services": {}}, "environment": {"A": 1}})";
    for (int round = 0; round < kRounds; ++round) {
        HttpRequest request;
        request.body = round % 2 == 0 ? mutate(random, seed) : randomBytes(random, 64);
        const Result<QJsonObject> body = jsonObjectBody(request, round % 3 == 0);
        if (!body) {
            QVERIFY(!body.error().message.isEmpty());
            continue;
        }
        if (body.value().contains(u"environment"_s))
            (void)environmentMember(body.value(), u"environment"_s);
    }
}

QTEST_APPLESS_MAIN(TestAgentFuzz)
#include "tst_agentfuzz.moc"
