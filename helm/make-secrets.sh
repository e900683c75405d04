#!/usr/bin/env bash
# Makes the BPP's credentials for a trial install and writes them as Kubernetes Secrets the chart takes
# (secrets.existingSecret, externalDatabase.existingSecret or mariadb.existingSecret). Needs bash and openssl.
#
#   helm/make-secrets.sh [--out DIR] [--release NAME] [--issuer URL] [--days N]
#
# Writes into DIR (default ./bpp-secrets, files mode 600):
#   credentials.yaml     Secret <release>-credentials: beckn-signing-private-key (Ed25519 seed), keystore-password,
#                        payment-sandbox-webhook-secret, service-token-<service> for each service
#   database.yaml        Secret <release>-database: <service>-password for each service, mariadb-root-password
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
DAYS=365
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --release) RELEASE="$2"; shift 2 ;;
    --issuer) ISSUER="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
services="$(awk '/^services:/{s=1; next} /^[^ #]/{s=0} s && /^  [a-z0-9-]+:/{k=$1; sub(":","",k)} s && /module:/{print k, $2}' "$ROUTES")"
[ -n "$services" ] || { echo "no services in $ROUTES" >&2; exit 1; }

# The BPP's Ed25519 signing key: the 32-byte seed for the services, the public key for the registry.
openssl genpkey -algorithm ed25519 -out "$work/signing.pem" 2>/dev/null
seed="$(openssl pkey -in "$work/signing.pem" -outform DER | tail -c 32 | b64)"
openssl pkey -in "$work/signing.pem" -pubout -outform DER | tail -c 32 | b64 > "$OUT/signing-public.b64"

# The tokens' RS256 key pair.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"

# mint SUBJECT GROUPS_JSON DAYS: an RS256 token as the services verify it (iss, aud, upn, groups).
mint() {
  local now exp header claims input
  now="$(date +%s)"
  exp=$((now + $3 * 86400))
  header='{"alg":"RS256","typ":"JWT"}'
  claims="$(printf '{"iss":"%s","aud":"%s","sub":"%s","upn":"%s","groups":%s,"jti":"%s","iat":%d,"exp":%d}' \
    "$ISSUER" "$AUDIENCE" "$1" "$1" "$2" "$(openssl rand -hex 16)" "$now" "$exp")"
  input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
  printf '%s.%s' "$input" "$(printf '%s' "$input" | openssl dgst -sha256 -sign "$OUT/jwt-private.pem" | b64url)"
}

secret_header() {
  printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n  labels:\n    app.kubernetes.io/part-of: ev-charging-bpp\ntype: Opaque\ndata:\n' "$1"
}
entry() { printf '  %s: %s\n' "$1" "$(printf '%s' "$2" | b64)"; }

{
  secret_header "$RELEASE-credentials"
  entry beckn-signing-private-key "$seed"
  entry keystore-password "$(openssl rand -hex 24)"
  entry payment-sandbox-webhook-secret "$(openssl rand -hex 32)"
  while read -r key module; do
    groups='["service"]'
    # support-rating also keeps the catalog's aggregate ratings.
    [ "$key" = support-rating ] && groups='["service","rating-service"]'
    entry "service-token-$key" "$(mint "$module" "$groups" "$DAYS")"
  done <<< "$services"
} > "$OUT/credentials.yaml"

{
  secret_header "$RELEASE-database"
  while read -r key module; do
    entry "$key-password" "$(openssl rand -hex 24)"
  done <<< "$services"
  entry mariadb-root-password "$(openssl rand -hex 24)"
} > "$OUT/database.yaml"

mint operator '["operator"]' 30 > "$OUT/operator.token"

cat >&2 <<MSG
Wrote $OUT: apply the Secrets, then install with them:
  kubectl apply -n <namespace> -f $OUT/credentials.yaml -f $OUT/database.yaml
  helm install $RELEASE helm/ev-charging-bpp ... --set secrets.existingSecret=$RELEASE-credentials \\
    --set-file jwt.publicKey=$OUT/jwt-public.pem (and externalDatabase.existingSecret or mariadb.existingSecret=$RELEASE-database)
Register the signing key (key id = beckn.keyId) with the registry: $(cat "$OUT/signing-public.b64")
MSG
