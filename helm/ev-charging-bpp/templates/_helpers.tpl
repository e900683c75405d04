{{/*
Names and labels as `helm create` makes them, plus a component per service.
*/}}
{{- define "ev-charging-bpp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ev-charging-bpp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ev-charging-bpp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ev-charging-bpp.labels" -}}
helm.sh/chart: {{ include "ev-charging-bpp.chart" . }}
{{ include "ev-charging-bpp.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ev-charging-bpp
{{- end }}

{{- define "ev-charging-bpp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ev-charging-bpp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* A service's (or the bundled database's) resource name. Argument: list root key. */}}
{{- define "ev-charging-bpp.componentName" -}}
{{- $root := index . 0 }}
{{- printf "%s-%s" (include "ev-charging-bpp.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ev-charging-bpp.componentLabels" -}}
{{ include "ev-charging-bpp.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "ev-charging-bpp.componentSelectorLabels" -}}
{{ include "ev-charging-bpp.selectorLabels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/*
The route table shared with the local ingress (local-suite reads the same file): services and routes.
*/}}
{{- define "ev-charging-bpp.routes" -}}
{{- $text := .Files.Get "routes.yaml" }}
{{- if not $text }}
{{- fail "routes.yaml is missing from the chart: the Ingress renders from it (helm/ev-charging-bpp/routes.yaml)" }}
{{- end }}
{{- $routes := fromYaml $text }}
{{- if hasKey $routes "Error" }}
{{- fail (printf "routes.yaml does not parse: %s" $routes.Error) }}
{{- end }}
{{- toYaml $routes }}
{{- end }}

{{/*
Merges two maps key by key, the second winning; unlike mergeOverwrite, false, 0 and "" override too.
Argument: list base override. Returns YAML.
*/}}
{{- define "ev-charging-bpp.deepMerge" -}}
{{- $out := deepCopy (index . 0) }}
{{- range $k, $v := (index . 1) }}
{{- $base := get $out $k }}
{{- if and (kindIs "map" $v) (kindIs "map" $base) }}
{{- $_ := set $out $k (include "ev-charging-bpp.deepMerge" (list $base $v) | fromYaml) }}
{{- else }}
{{- $_ := set $out $k $v }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/*
One service's values: serviceDefaults merged with services.<key>, plus what routes.yaml and the chart know of it:
module, image, database, openapi path. `database` comes out as its name and user ({name, user}) when the service has
one, else false; `openapiPath` is empty when openapi.enabled is false. Argument: dict root key. Returns YAML.
*/}}
{{- define "ev-charging-bpp.service" -}}
{{- $root := .root }}
{{- $key := .key }}
{{- $own := index $root.Values.services $key | default dict }}
{{- $svc := include "ev-charging-bpp.deepMerge" (list $root.Values.serviceDefaults $own) | fromYaml }}
{{- $routes := include "ev-charging-bpp.routes" $root | fromYaml }}
{{- $known := index $routes "services" | default dict }}
{{- if not (hasKey $known $key) }}
{{- fail (printf "services.%s has no entry in routes.yaml: add it there (module and localPort) so both ingresses know it" $key) }}
{{- end }}
{{- $module := index (index $known $key) "module" }}
{{- $_ := set $svc "key" $key }}
{{- $_ := set $svc "module" $module }}
{{- $_ := set $svc "name" (include "ev-charging-bpp.componentName" (list $root $key)) }}
{{- $repo := $svc.image.repository | default $module }}
{{- $tag := $svc.image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion }}
{{- $registry := $root.Values.image.registry | trimSuffix "/" }}
{{- $_ := set $svc "imageRef" (ternary (printf "%s/%s:%s" $registry $repo $tag) (printf "%s:%s" $repo $tag) (ne $registry "")) }}
{{- range $peer := $svc.peers }}
{{- if not (hasKey $root.Values.services $peer) }}
{{- fail (printf "services.%s.peers names %q, which is not a service (keys of services)" $key $peer) }}
{{- end }}
{{- if and (eq $peer $key) (not $svc.replicaUrlVariable) }}
{{- fail (printf "services.%s.peers names %s itself: its replicas call each other by pod address, so set services.%s.replicaUrlVariable (e.g. %s_REPLICA_URL)" $key $key $key ($key | upper | replace "-" "_")) }}
{{- end }}
{{- end }}
{{- /* Whether it has a database: values and routes.yaml (which the local suite follows) must say the same. */}}
{{- $routesDb := index (index $known $key) "database" }}
{{- if kindIs "invalid" $routesDb }}{{ $routesDb = true }}{{ end }}
{{- if ne (toString $svc.database) (toString $routesDb) }}
{{- fail (printf "services.%s.database is %v but routes.yaml says database: %v for %s (whether its image has a JDBC driver and its code a database): make them agree" $key $svc.database $routesDb $key) }}
{{- end }}
{{- $db := index ($root.Values.externalDatabase.databases | default dict) $key | default dict }}
{{- if $svc.database }}
{{- /* Database and user: the key with "-" as "_", and "order" (a reserved word) as order_svc. */}}
{{- $dbDefault := $key | replace "-" "_" }}
{{- if eq $dbDefault "order" }}{{ $dbDefault = "order_svc" }}{{ end }}
{{- $_ := set $svc "database" (dict "name" ($db.name | default $dbDefault) "user" ($db.user | default $dbDefault)) }}
{{- else if $db }}
{{- fail (printf "externalDatabase.databases.%s is set, but %s has no database (services.%s.database false)" $key $key $key) }}
{{- end }}
{{- if and $svc.onboardsNetwork (not $svc.signsBeckn) }}
{{- fail (printf "services.%s: onboardsNetwork needs signsBeckn (joining the registry is signed with the BPP's key)" $key) }}
{{- end }}
{{- $openapi := "" }}
{{- if $svc.openapi.enabled }}
{{- $openapi = $svc.openapi.path }}
{{- if not $openapi }}
{{- range $r := $routes.routes }}
{{- if and (not $openapi) (eq $r.service $key) $r.prefix (eq $r.access "public") }}
{{- $openapi = printf "%sopenapi" $r.prefix }}
{{- end }}
{{- end }}
{{- end }}
{{- if not $openapi }}
{{- fail (printf "services.%s: no prefix route in routes.yaml to publish its OpenAPI under; set services.%s.openapi.path, or openapi.enabled false if it has no OpenAPI document" $key $key) }}
{{- end }}
{{- end }}
{{- $_ := set $svc "openapiPath" $openapi }}
{{- toYaml $svc }}
{{- end }}

{{/* The enabled service keys, sorted. Returns a YAML list. */}}
{{- define "ev-charging-bpp.enabledServices" -}}
{{- $keys := list }}
{{- range $key := keys .Values.services | sortAlpha }}
{{- $own := index $.Values.services $key | default dict }}
{{- $enabled := $.Values.serviceDefaults.enabled }}
{{- if hasKey $own "enabled" }}{{ $enabled = $own.enabled }}{{ end }}
{{- if $enabled }}{{ $keys = append $keys $key }}{{ end }}
{{- end }}
{{- toYaml $keys }}
{{- end }}

{{/* Where people and BAPs reach the ingress. */}}
{{- define "ev-charging-bpp.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.host }}
{{- printf "https://%s" .Values.ingress.host }}
{{- else }}
{{- fail "set publicUrl or ingress.host: payment links, feedback forms and the subscriber URI are built from it" }}
{{- end }}
{{- end }}

{{- define "ev-charging-bpp.credentialsSecret" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-credentials" (include "ev-charging-bpp.fullname" .)) }}
{{- end }}

{{- define "ev-charging-bpp.databaseSecret" -}}
{{- $existing := ternary .Values.mariadb.existingSecret .Values.externalDatabase.existingSecret .Values.mariadb.enabled }}
{{- $existing | default (printf "%s-database" (include "ev-charging-bpp.fullname" .)) }}
{{- end }}

{{- define "ev-charging-bpp.databaseHost" -}}
{{- if .Values.mariadb.enabled }}
{{- include "ev-charging-bpp.componentName" (list . "mariadb") }}
{{- else }}
{{- required "externalDatabase.host: the MariaDB server of the services" .Values.externalDatabase.host }}
{{- end }}
{{- end }}

{{- define "ev-charging-bpp.databasePort" -}}
{{- ternary 3306 .Values.externalDatabase.port .Values.mariadb.enabled }}
{{- end }}

{{/*
Environment variables that carry credentials: they come from the Secret only, never from a ConfigMap.
*/}}
{{- define "ev-charging-bpp.credentialVariables" -}}
- DB_PASSWORD
- KEYSTORE_PASSWORD
- BECKN_SIGNING_PRIVATE_KEY
- BECKN_NEXT_SIGNING_PRIVATE_KEY
- BECKN_ENCRYPTION_PRIVATE_KEY
- PAYMENT_STRIPE_SECRET_KEY
- PAYMENT_STRIPE_WEBHOOK_SECRET
- PAYMENT_SANDBOX_WEBHOOK_SECRET
- MARIADB_ROOT_PASSWORD
{{- end }}

{{/*
The data of one of the release's Secrets as it stands in the cluster (empty on install, and under `helm template`).
Argument: list root name. Returns YAML (base64 values).
*/}}
{{- define "ev-charging-bpp.existingSecretData" -}}
{{- $root := index . 0 }}
{{- $existing := lookup "v1" "Secret" $root.Release.Namespace (index . 1) | default dict }}
{{- toYaml (dig "data" dict $existing) }}
{{- end }}

{{/*
A credential: the given value, else what the release's Secret already holds, else a generated one.
Argument: dict existing (from existingSecretData) key value generate ("alnum", "ed25519" or "x25519").
*/}}
{{- define "ev-charging-bpp.credential" -}}
{{- if .value }}
{{- .value }}
{{- else if hasKey .existing .key }}
{{- index .existing .key | b64dec }}
{{- else if eq .generate "x25519" }}
{{- /* Any 32 random bytes are an X25519 private key (RFC 7748 clamps them when used). */}}
{{- randBytes 32 }}
{{- else if eq .generate "ed25519" }}
{{- /* PKCS#8 DER of an Ed25519 key: a 16-byte header, then the 32-byte seed the services read (Base64). */}}
{{- $der := regexReplaceAll "-----[A-Z ]+-----|\\s" (genPrivateKey "ed25519") "" | b64dec }}
{{- substr 16 48 $der | b64enc }}
{{- else }}
{{- randAlphaNum 40 }}
{{- end }}
{{- end }}

{{/*
Where a service finds its tokens for its peers: one file per peer, from the credentials Secret.
*/}}
{{- define "ev-charging-bpp.serviceTokensDir" -}}
/var/run/secrets/ev-charging-bpp/service-tokens
{{- end }}

{{/*
The payment gateway may not be the sandbox by accident: with it anyone holding a payment link marks it paid and no
money moves. Stripe needs its keys, given as values or in secrets.existingSecret.
*/}}
{{- define "ev-charging-bpp.checkPayments" -}}
{{- $p := .Values.payments }}
{{- if eq $p.gateway "sandbox" }}
{{- if not $p.allowSandbox }}
{{- fail "payments.gateway is sandbox, the stand-in gateway of payment-service: anyone holding a payment link can press Pay and the order is confirmed with no money moving. Set payments.gateway=stripe with its keys (secrets.stripeSecretKey and secrets.stripeWebhookSecret, or secrets.existingSecret) for real payments, or payments.allowSandbox=true for a trial or demo install" }}
{{- end }}
{{- else if eq $p.gateway "stripe" }}
{{- if and (not .Values.secrets.existingSecret) (or (not .Values.secrets.stripeSecretKey) (not .Values.secrets.stripeWebhookSecret)) }}
{{- fail "payments.gateway=stripe needs secrets.stripeSecretKey (sk_live_... or rk_live_...) and secrets.stripeWebhookSecret (whsec_..., from the webhook endpoint <publicUrl>/payments/v1/webhooks/stripe), or secrets.existingSecret with keys payment-stripe-secret-key and payment-stripe-webhook-secret" }}
{{- end }}
{{- else }}
{{- fail (printf "payments.gateway is %q: stripe or sandbox" $p.gateway) }}
{{- end }}
{{- end }}

{{/*
A rate limit's burst as an integer: its own, else twice its rate (at least 1). Takes {perSecond, burst}.
*/}}
{{- define "ev-charging-bpp.burst" -}}
{{- if .burst -}}
{{- .burst | int -}}
{{- else -}}
{{- max 1 (int (ceil (mulf 2 .perSecond))) -}}
{{- end -}}
{{- end }}
