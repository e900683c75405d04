#!/usr/bin/env bash
# Makes the BPP's credentials for a trial install and writes them as Kubernetes Secrets the chart takes
# (secrets.existingSecret, externalDatabase.existingSecret or mariadb.existingSecret). Needs bash and openssl.
#
#   helm/make-secrets.sh [--out DIR] [--release NAME] [--issuer URL] [--hours N]
#
# Writes into DIR (default ./bpp-secrets, files mode 600):
#   credentials.yaml     Secret <release>-credentials: beckn-signing-private-key (Ed25519 seed),
#                        beckn-encryption-private-key (X25519, for the registry's on_subscribe challenge), keystore-password,
#                        payment-sandbox-webhook-secret, service-token-<caller>-<callee> for each peer a service
#                        calls (services.<key>.peers in values.yaml; charger-charger: between charger's replicas),
#                        each for that callee alone, N hours (default 24): run it again with --tokens-only and
#                        `kubectl apply` before they expire; the services read the renewed tokens without a restart
#   database.yaml        Secret <release>-database: <service>-password for each service with a database (not those
#                        with database: false in routes.yaml, the console), mariadb-root-password
#   jwt-public.pem       the tokens' verification key: --set-file jwt.publicKey=DIR/jwt-public.pem
#   jwt-private.pem      the key that signed them (mint more tokens with it, or keep it offline)
#   operator.token       an onboarding token (role operator), 30 days
#   signing-public.b64   the BPP's signing public key (Base64), for the registry
# In production your identity provider issues the tokens and you register your own signing key: this is a trial kit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUTES="$ROOT/helm/ev-charging-bpp/routes.yaml"
OUT=./bpp-secrets
RELEASE=bpp
ISSUER=https://ev-charging-bpp.local/onboarding
AUDIENCE=ev-charging-bpp
HOURS=24
TOKENS_ONLY=false
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --release) RELEASE="$2"; shift 2 ;;
    --issuer) ISSUER="$2"; shift 2 ;;
    --hours) HOURS="$2"; shift 2 ;;
    --tokens-only) TOKENS_ONLY=true; shift ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 1; }

umask 077
mkdir -p "$OUT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

b64() { openssl base64 -A; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# The services and their modules (the route table's "services:" block): key module.
VALUES="$ROOT/helm/ev-charging-bpp/values.yaml"
services="$(awk '/^services:/{s=1; next} /^[^ #]/{s=0} s && /^  [a-z0-9-]+:/{k=$1; sub(":","",k)} s && /module:/{print k, $2}' "$ROUTES")"
[ -n "$services" ] || { echo "no services in $ROUTES" >&2; exit 1; }
# Those without a database of their own (database: false in the route table): no password for them.
no_database="$(awk '/^services:/{s=1; next} /^[^ #]/{s=0} s && /^  [a-z0-9-]+:/{k=$1; sub(":","",k)} s && /^    database: *false *$/{print k}' "$ROUTES")"

# Who calls whom (services.<key>.peers in values.yaml): "caller callee" lines.
peers="$(awk '/^services:/{s=1; next} /^[^ #]/{s=0} s && /^  [a-z0-9-]+:/{k=$1; sub(":","",k)}
  s && /^    peers:/{gsub(/[][,]/," "); for (i = 2; i <= NF; i++) print k, $i}' "$VALUES")"
[ -n "$peers" ] || { echo "no peers in $VALUES" >&2; exit 1; }

# mint SUBJECT GROUPS_JSON SECONDS AUDIENCE: an RS256 token as the services verify it (iss, aud, upn, groups).
mint() {
  local now exp header claims input
  now="$(date +%s)"
  exp=$((now + $3))
  header='{"alg":"RS256","typ":"JWT"}'
  claims="$(printf '{"iss":"%s","aud":"%s","sub":"%s","upn":"%s","groups":%s,"jti":"%s","iat":%d,"exp":%d}' \
    "$ISSUER" "$4" "$1" "$1" "$2" "$(openssl rand -hex 16)" "$now" "$exp")"
  input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
  printf '%s.%s' "$input" "$(printf '%s' "$input" | openssl dgst -sha256 -sign "$OUT/jwt-private.pem" | b64url)"
}

entry() { printf '  %s: %s\n' "$1" "$(printf '%s' "$2" | b64)"; }

# service-token-<caller>-<callee> entries: each for one callee (aud ev-charging-bpp/<callee>), HOURS long.
service_tokens() {
  while read -r caller callee; do
    module="$(awk -v k="$caller" '$1 == k {print $2}' <<< "$services")"
    groups='["service"]'
    # support-rating also keeps the catalog's aggregate ratings; charger also reports connector availability.
    [ "$caller" = support-rating ] && [ "$callee" = catalog ] && groups='["service","rating-service"]'
    [ "$caller" = charger ] && [ "$callee" = catalog ] && groups='["service","charger-service"]'
    entry "service-token-$caller-$callee" "$(mint "$module" "$groups" $((HOURS * 3600)) "$AUDIENCE/$callee")"
  done <<< "$peers"
}

if [ "$TOKENS_ONLY" = true ]; then
  [ -f "$OUT/jwt-private.pem" ] || { echo "no $OUT/jwt-private.pem: make the kit first (without --tokens-only)" >&2; exit 1; }
  { printf 'data:\n'; service_tokens; } > "$OUT/service-tokens-patch.yaml"
  cat >&2 <<MSG
Wrote $OUT/service-tokens-patch.yaml ($HOURS hours): renew the tokens in place (the services read them without a restart):
  kubectl patch secret $RELEASE-credentials -n <namespace> --patch-file $OUT/service-tokens-patch.yaml
MSG
  exit 0
fi

# The BPP's Ed25519 signing key: the 32-byte seed for the services, the public key for the registry.
openssl genpkey -algorithm ed25519 -out "$work/signing.pem" 2>/dev/null
seed="$(openssl pkey -in "$work/signing.pem" -outform DER | tail -c 32 | b64)"
openssl pkey -in "$work/signing.pem" -pubout -outform DER | tail -c 32 | b64 > "$OUT/signing-public.b64"
# Its X25519 encryption key (PKCS#8 DER, Base64), which the registry's on_subscribe challenge is encrypted for: the
# BPP publishes its public half itself when it subscribes (docs/network-onboarding.md).
openssl genpkey -algorithm X25519 -out "$work/encryption.pem" 2>/dev/null
encryption="$(openssl pkey -in "$work/encryption.pem" -outform DER | b64)"

# The tokens' RS256 key pair.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"

secret_header() {
  printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n  labels:\n    app.kubernetes.io/part-of: ev-charging-bpp\ntype: Opaque\ndata:\n' "$1"
}

{
  secret_header "$RELEASE-credentials"
  entry beckn-signing-private-key "$seed"
  entry beckn-encryption-private-key "$encryption"
  entry keystore-password "$(openssl rand -hex 24)"
  entry payment-sandbox-webhook-secret "$(openssl rand -hex 32)"
  service_tokens
} > "$OUT/credentials.yaml"

{
  secret_header "$RELEASE-database"
  while read -r key module; do
    grep -qxF "$key" <<< "$no_database" || entry "$key-password" "$(openssl rand -hex 24)"
  done <<< "$services"
  entry mariadb-root-password "$(openssl rand -hex 24)"
} > "$OUT/database.yaml"

mint operator '["operator"]' $((30 * 86400)) "$AUDIENCE" > "$OUT/operator.token"

cat >&2 <<MSG
Wrote $OUT: apply the Secrets, then install with them:
  kubectl apply -n <namespace> -f $OUT/credentials.yaml -f $OUT/database.yaml
  helm install $RELEASE helm/ev-charging-bpp ... --set secrets.existingSecret=$RELEASE-credentials \\
    --set-file jwt.publicKey=$OUT/jwt-public.pem (and externalDatabase.existingSecret or mariadb.existingSecret=$RELEASE-database)
The service tokens live $HOURS hours: before then, renew them in place with
  helm/make-secrets.sh --out $OUT --release $RELEASE --tokens-only   (then the kubectl patch it prints)
This kit pays with the sandbox gateway (no money moves): install with --set payments.allowSandbox=true for a trial,
or payments.gateway=stripe with your Stripe keys for real payments.
Register the signing key (key id = beckn.keyId) with the registry: $(cat "$OUT/signing-public.b64")
MSG
