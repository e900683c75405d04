#!/usr/bin/env bash
# Builds the service images (one per module of helm/ev-charging-bpp/routes.yaml, from its Dockerfile) and pushes
# them if asked. Needs a JDK 17, Maven and a container engine (docker or podman).
#
#   helm/build-images.sh [--registry REGISTRY] [--tag TAG] [--push] [--skip-maven] [--dry-run]
#
#   --registry  image prefix, as the chart's image.registry (default ghcr.io/ev-charging-bpp, or $REGISTRY)
#   --tag       image tag, as the chart's image.tag (default: the chart's appVersion, or $TAG)
#   --push      push each image after building it
#   --skip-maven  use the wars and the JDBC driver already in target/ (helm/target/jdbc)
#   --dry-run   print the commands instead of running them
# The engine is $CONTAINER_ENGINE, else docker, else podman.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="$ROOT/helm/ev-charging-bpp"
REGISTRY="${REGISTRY:-ghcr.io/ev-charging-bpp}"
TAG="${TAG:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$CHART/Chart.yaml")}"
PUSH=false
MAVEN=true
DRY=false
while [ $# -gt 0 ]; do
  case "$1" in
    --registry) REGISTRY="$2"; shift 2 ;;
    --tag) TAG="$2"; shift 2 ;;
    --push) PUSH=true; shift ;;
    --skip-maven) MAVEN=false; shift ;;
    --dry-run) DRY=true; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

run() {
  if $DRY; then echo "$*"; else "$@"; fi
}

# The services: the modules named in the route table the chart and the local ingress share.
mapfile -t MODULES < <(sed -n 's/^ *module: *\([A-Za-z0-9._-]*\) *$/\1/p' "$CHART/routes.yaml")
[ ${#MODULES[@]} -gt 0 ] || { echo "no module in $CHART/routes.yaml" >&2; exit 1; }

ENGINE="${CONTAINER_ENGINE:-}"
if [ -z "$ENGINE" ]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then ENGINE=docker
  elif command -v podman >/dev/null 2>&1; then ENGINE=podman
  fi
fi
if [ -z "$ENGINE" ] && ! $DRY; then
  echo "no container engine: install docker (with a running daemon) or podman, or set CONTAINER_ENGINE" >&2
  exit 1
fi
ENGINE="${ENGINE:-docker}"

if $MAVEN; then
  modules="$(IFS=,; echo "${MODULES[*]}"),helm"
  run mvn -B -f "$ROOT/pom.xml" package -DskipTests -pl "$modules" -am
fi

for module in "${MODULES[@]}"; do
  dir="$ROOT/$module"
  [ -f "$dir/Dockerfile" ] || { echo "$module has no Dockerfile" >&2; exit 1; }
  # The image's inputs sit in the module's target/: its war, and the JDBC driver server.xml loads if its Dockerfile
  # copies one (a service without a database, the console, has none).
  if grep -q '^COPY .*target/jdbc/' "$dir/Dockerfile"; then
    run mkdir -p "$dir/target/jdbc"
    run cp "$ROOT"/helm/target/jdbc/mariadb-java-client-*.jar "$dir/target/jdbc/"
  fi
  image="$REGISTRY/$module:$TAG"
  run "$ENGINE" build -t "$image" "$dir"
  if $PUSH; then
    run "$ENGINE" push "$image"
  fi
  $DRY || echo "built $image" >&2
done
