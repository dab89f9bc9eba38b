#!/usr/bin/env python3
"""Plant realistic fake secrets into a tree for bench/secrets.sh.

Writes one file per secret kind under <tree>/zz_planted/ with the secret on a
known line, and prints a JSON list of {kind, path, line} to stdout. Every value
is random (seeded, so runs are comparable); none is a real credential.
"""
import base64, json, os, random, string, sys

tree = sys.argv[1]
rnd = random.Random(20261127)
U, L, D = string.ascii_uppercase, string.ascii_lowercase, string.digits
def r(alpha, n): return "".join(rnd.choice(alpha) for _ in range(n))
b32 = U + "234567"
alnum = U + L + D
hexd = "0123456789abcdef"

def pem(kind):
    raw = bytes(rnd.getrandbits(8) for _ in range(900))
    if kind == "OPENSSH PRIVATE KEY":
        # Real unencrypted OpenSSH keys start with the format magic and the
        # "none" cipher and KDF; the rest is random.
        raw = b"openssh-key-v1\x00" + b"\x00\x00\x00\x04none" * 2 + raw
    body = base64.b64encode(raw).decode()
    lines = [body[i:i+64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"

def jwt():
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
    return enc({"alg": "HS256", "typ": "JWT"}) + "." + enc({"sub": r(D, 10), "name": "svc", "iat": 1700000000}) + "." + r(alnum + "-_", 43)

secrets = [
    ("aws-access-key", "config/aws.env", f"AWS_ACCESS_KEY_ID=AKIA{r(b32, 16)}"),
    ("aws-secret-key", "config/aws2.env", f"aws_secret_access_key = {r(alnum + '/+', 40)}"),
    ("github-pat", "scripts/deploy.sh", f'export GITHUB_TOKEN="ghp_{r(alnum, 36)}"'),
    ("github-fine-grained", "ci/gh.yaml", f"token: github_pat_{r(alnum, 22)}_{r(alnum, 59)}"),
    ("gitlab-pat", "ci/gitlab.env", f"GITLAB_TOKEN=glpat-{r(alnum + '-_', 20)}"),
    ("slack-bot", "app/slack.py", f'SLACK_TOKEN = "xoxb-{r(D, 12)}-{r(D, 13)}-{r(alnum, 24)}"'),
    ("slack-webhook", "app/hook.txt", f"https://hooks.slack.com/services/T{r(U + D, 8)}/B{r(U + D, 10)}/{r(alnum, 24)}"),
    ("stripe-live", "billing/stripe.js", f'const stripe = require("stripe")("sk_live_{r(alnum, 24)}");'),
    ("sendgrid", "mail/sendgrid.env", f"SENDGRID_API_KEY=SG.{r(alnum + '-_', 22)}.{r(alnum + '-_', 43)}"),
    ("twilio", "sms/twilio.env", f"TWILIO_API_KEY=SK{r(hexd, 32)}"),
    ("npm-token", "web/.npmrc", f"//registry.npmjs.org/:_authToken=npm_{r(alnum, 36)}"),
    ("pypi-token", "py/.pypirc", "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc" + r(alnum + "-_", 70)),
    ("gcp-api-key", "maps/config.json", f'{{"mapsKey": "AIza{r(alnum + "-_", 35)}"}}'),
    ("rsa-private-key", "keys/id_rsa", pem("RSA PRIVATE KEY")),
    ("openssh-private-key", "keys/id_ed25519", pem("OPENSSH PRIVATE KEY")),
    ("ec-private-key", "keys/ec.pem", pem("EC PRIVATE KEY")),
    ("jwt", "auth/token.txt", f"Authorization: Bearer {jwt()}"),
    ("postgres-url", "db/settings.yaml", f"url: postgres://app:{r(alnum, 18)}@db.internal:5432/app"),
    ("dockerhub-pat", "ci/docker.env", f"DOCKERHUB_TOKEN=dckr_pat_{r(alnum + '-_', 27)}"),
    ("digitalocean", "infra/do.env", f"DIGITALOCEAN_TOKEN=dop_v1_{r(hexd, 64)}"),
    ("openai", "ml/openai.env", f"OPENAI_API_KEY=sk-proj-{r(alnum + '-_', 48)}"),
    ("shopify", "shop/app.env", f"SHOPIFY_ACCESS_TOKEN=shpat_{r(hexd, 32)}"),
    ("hashicorp-vault", "infra/vault.env", f"VAULT_TOKEN=hvs.{r(alnum + '-_', 90)}"),
    ("gcp-service-account", "gcp/sa.json", json.dumps({"type": "service_account", "project_id": "demo-" + r(L, 6), "private_key_id": r(hexd, 40), "private_key": pem("PRIVATE KEY"), "client_email": "svc@demo.iam.gserviceaccount.com"}, indent=2)),
]

out = []
for kind, rel, text in secrets:
    p = os.path.join(tree, "zz_planted", rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    pre = "# planted by bench/plant_secrets.py\n\n"
    with open(p, "w") as f:
        f.write(pre + text + "\n")
    first = text.splitlines()[0]
    line = 3
    # the secret's line: for multi-line values, the line that holds the key material
    if "-----BEGIN" in text and not text.startswith("-----BEGIN") and kind != "gcp-service-account":
        line = 3 + next(i for i, l in enumerate(text.splitlines()) if "-----BEGIN" in l)
    if kind == "gcp-service-account":
        line = None  # any line of the file counts
    if kind == "pypi-token":
        line = 5
    out.append({"kind": kind, "path": os.path.join("zz_planted", rel), "line": line})
json.dump(out, sys.stdout, indent=1)
