#!/usr/bin/env python3
"""Write a synthetic X (Twitter) archive for benchmarking `postguard audit`.

    scripts/gen-x-archive.py N OUT_DIR [--zip]

OUT_DIR/data/tweets.js, tweets-part1.js, ... (25,000 tweets per part, the
documented `window.YTD.tweets.partN = [ {"tweet": {...}} ]` form with every
field a real archive has), data/account.js and data/manifest.js; with --zip
also OUT_DIR.zip. The tweets are made from a fixed seed: about 1 in 10
breaks the policy (a City email, a missing disclaimer, an insult, an SSN),
1 in 8 is a reply, 1 in 20 a retweet (not an item), and some carry the HTML
entities X writes (&amp; &lt; &gt;). Synthetic people only; not committed.
"""
import json
import os
import random
import sys
import zipfile
from datetime import datetime, timedelta, timezone

PER_PART = 25_000
CLEAN = [
    "Farmers market opens Saturday at Central Park, come say hi",
    "Great turnout at the library book sale today &amp; thanks to all the volunteers",
    "Road construction on Broadway starts Monday, plan ahead",
    "Sweet corn season is the best season. Fight me &lt;3",
    "Ran the Med City half marathon this morning, legs are toast",
    "New coffee place on 3rd St is worth a try https://t.co/AbCdEf1234",
    "Snow again?! At least the kids get a day off",
    "Thanks to everyone who came out to the neighborhood cleanup",
    "Reading a great book about the history of the Zumbro River",
    "Kids soccer tournament this weekend, go Lightning! &gt;&gt; field 4",
]
FLAGGED = [
    "Questions about the permit? Email me at pat.example@rochestermn.gov",
    "As a City of Rochester snowplow driver I can tell you the new routes are a mess.",
    "You're an idiot if you think the levy is too high.",
    "Her SSN is 212-45-5530, can someone in HR fix the form?",
    "Speaking on behalf of the City: the Broadway bridge will reopen Friday.",
    "This fucking snow will never end.",
]
WORDS = "park river bridge snow library council budget trail bus garden market school bike rink concert".split()


def tweet(rng, i, when):
    tid = str(1_500_000_000_000_000_000 + i)
    r = rng.random()
    if r < 0.10:
        text = rng.choice(FLAGGED)
    else:
        text = rng.choice(CLEAN) + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25)))
    if rng.random() < 0.05:
        text = "RT @CityofRochesterMN: " + text
    t = {
        "edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False,
        "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rng.randint(0, 40)),
        "id_str": tid,
        "truncated": False,
        "retweet_count": "0",
        "id": tid,
        "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }
    if rng.random() < 0.125:
        t.update({"in_reply_to_status_id_str": str(int(tid) - 7), "in_reply_to_status_id": str(int(tid) - 7), "in_reply_to_user_id_str": "42", "in_reply_to_screen_name": "neighbor"})
    return {"tweet": t}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    data = os.path.join(out, "data")
    os.makedirs(data, exist_ok=True)
    rng = random.Random(15)
    start = datetime(2012, 1, 1, tzinfo=timezone.utc)
    step = timedelta(minutes=(12 * 365 * 24 * 60) // max(n, 1))
    files = []
    for part in range((n + PER_PART - 1) // PER_PART):
        name = "tweets.js" if part == 0 else f"tweets-part{part}.js"
        lo, hi = part * PER_PART, min(n, (part + 1) * PER_PART)
        with open(os.path.join(data, name), "w", encoding="utf-8") as f:
            f.write(f"window.YTD.tweets.part{part} = [\n")
            for i in range(lo, hi):
                f.write(("," if i > lo else "") + json.dumps(tweet(rng, i, start + step * i), indent=2, ensure_ascii=False) + "\n")
            f.write("]\n")
        files.append({"fileName": f"data/{name}", "globalName": f"YTD.tweets.part{part}", "count": str(hi - lo)})
    with open(os.path.join(data, "account.js"), "w") as f:
        f.write("window.YTD.account.part0 = " + json.dumps([{"account": {"username": "pat_example", "accountId": "1000001", "accountDisplayName": "Pat Example"}}]) + "\n")
    with open(os.path.join(data, "manifest.js"), "w") as f:
        f.write("window.__THAR_CONFIG = " + json.dumps({"userInfo": {"accountId": "1000001", "userName": "pat_example"}, "dataTypes": {"tweets": {"files": files}}}, indent=2) + "\n")
    if "--zip" in sys.argv:
        with zipfile.ZipFile(out.rstrip("/") + ".zip", "w", zipfile.ZIP_DEFLATED) as z:
            for root, _, names in os.walk(out):
                for nm in sorted(names):
                    p = os.path.join(root, nm)
                    z.write(p, os.path.relpath(p, out))
    print(f"{n} tweets in {len(files)} part files under {out}")


if __name__ == "__main__":
    main()
