#!/usr/bin/python3
"""A ParaDrop-style client of chutedeck-agent, written the way pdtools talks to a node: requests
for the REST API, websocket-client for /ws/changes/<id>/stream.

Usage: paradrop_client.py URL USER CHUTE_FOLDER  (the password on standard input)

Logs in, installs the chute from a tar of its folder (pdtools install-chute), follows each change's
stream printing "change N: MESSAGE" per frame (pdtools watch-change-logs), lists the chutes, then
stops and deletes the chute the same way. Exits non-zero on anything unexpected."""

import io
import json
import os
import sys
import tarfile

import requests
import websocket


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(1)


def watch(base, token, change_id):
    url = base.replace("http://", "ws://") + "/ws/changes/{}/stream".format(change_id)
    frames = []

    def on_message(ws, message):
        data = json.loads(message)
        if not isinstance(data["time"], float):
            fail("frame time is not a float: {}".format(message))
        frames.append(data)
        print("change {}: {}".format(change_id, data["message"].rstrip()))

    app = websocket.WebSocketApp(url, header={"Authorization": "Bearer " + token},
                                 on_message=on_message)
    app.run_forever()
    if not frames or not frames[-1]["message"].startswith("Completed "):
        fail("the stream of change {} did not end with a Completed line".format(change_id))


def list_chutes(base, headers, stage):
    chutes = requests.get(base + "/api/v1/chutes/", headers=headers).json()
    print("chutes after {}: {}".format(
        stage, " ".join("{} {}".format(c["name"], c["state"]) for c in chutes)).rstrip())


def main():
    base, user, folder = sys.argv[1:4]
    password = sys.stdin.readline().rstrip("\n")
    unauthenticated = requests.get(base + "/api/v1/chutes/",
                                   headers={"Authorization": "Bearer None"})
    print("unauthenticated: {}".format(unauthenticated.status_code))

    login = requests.post(base + "/api/v1/auth/local",
                          json={"username": user, "password": password})
    if login.status_code != 200 or not login.json().get("success"):
        fail("login failed: {} {}".format(login.status_code, login.text))
    token = login.json()["token"]
    headers = {"Authorization": "Bearer {}".format(token)}

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in sorted(os.listdir(folder)):
            tar.add(os.path.join(folder, name), arcname=name)
    buffer.seek(0)
    result = requests.post(base + "/api/v1/chutes/", data=buffer,
                           headers=dict(headers, **{"Content-Type": "application/x-tar"})).json()
    watch(base, token, result["change_id"])
    list_chutes(base, headers, "create")

    name = os.path.basename(os.path.normpath(folder))
    result = requests.post(base + "/api/v1/chutes/{}/stop".format(name), headers=headers).json()
    watch(base, token, result["change_id"])
    list_chutes(base, headers, "stop")

    result = requests.delete(base + "/api/v1/chutes/{}".format(name), headers=headers).json()
    watch(base, token, result["change_id"])
    list_chutes(base, headers, "delete")


if __name__ == "__main__":
    main()
