#!/usr/bin/env bash
# Runs the kubectl and aws CLI commands shown in docs/sandbox.md against a running `eksid sandbox` and fails on
# the first error or unexpected answer. Usage: scripts/sandbox-cli-check.sh SANDBOX_DIR
# It leaves the sandbox as it found it (apart from the restarted checkout-api pods): what it creates, it deletes.
set -euo pipefail

dir="${1:?usage: $0 SANDBOX_DIR (the --dir of eksid sandbox)}"
[[ -f "$dir/kubeconfig" && -f "$dir/aws/config" && -f "$dir/aws/credentials" ]] \
  || { echo "no sandbox files under $dir (expected kubeconfig, aws/config, aws/credentials)" >&2; exit 1; }

export KUBECONFIG="$dir/kubeconfig"
export AWS_CONFIG_FILE="$dir/aws/config"
export AWS_SHARED_CREDENTIALS_FILE="$dir/aws/credentials"
# Nothing from the caller's own AWS setup may leak in: the sandbox profile alone decides.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
      AWS_ENDPOINT_URL AWS_ENDPOINT_URL_EKS AWS_ENDPOINT_URL_IAM AWS_ENDPOINT_URL_STS AWS_REGION AWS_DEFAULT_REGION
export AWS_PAGER=""

suffix="$$-$RANDOM"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run CMD...: prints the command and its output; fails if it fails.
run() {
  printf '$ %s\n' "$*"
  "$@" | tee "$tmp/out"
  echo
}

# expect PATTERN: the last command's output must match PATTERN (extended regex).
expect() {
  grep -Eq -- "$1" "$tmp/out" || { echo "FAILED: expected output matching '$1'" >&2; exit 1; }
}

aws_sb() { aws --profile sandbox "$@"; }

echo "== Kubernetes"
run kubectl get ns,sa,pods -A
expect 'namespace/payments'
expect 'serviceaccount/ledger-writer'
expect 'pod/payments-api-'

run kubectl get sa -n payments payments-api -o yaml
expect 'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/teams/payments/payments-api'

run kubectl annotate sa -n catalog catalog-images eks.amazonaws.com/token-expiration=3600 --overwrite
expect 'serviceaccount/catalog-images annotated'

run kubectl patch sa -n catalog catalog-images --type=merge -p "{\"metadata\":{\"labels\":{\"cli-check\":\"run-$suffix\"}}}"
expect 'serviceaccount/catalog-images patched'

cat > "$tmp/pod.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: cli-check-$suffix
  namespace: search
spec:
  serviceAccountName: search-api
  containers:
  - name: main
    image: public.ecr.aws/docker/library/busybox:1.37
    command: ["sleep", "3600"]
YAML
run kubectl create --validate=false -f "$tmp/pod.yaml"
expect "pod/cli-check-$suffix created"

# The simulated pod-identity webhook gave the new pod the IRSA variables of search-api.
run kubectl get pod -n search "cli-check-$suffix" -o jsonpath='{.spec.containers[0].env[*].name}'
expect 'AWS_ROLE_ARN'
expect 'AWS_WEB_IDENTITY_TOKEN_FILE'

run kubectl delete pod -n search "cli-check-$suffix"
expect "pod \"cli-check-$suffix\" deleted"

run kubectl rollout restart deployment/checkout-api -n checkout
expect 'deployment.apps/checkout-api restarted'

echo "== AWS"
run aws_sb eks list-clusters
expect '"acme-prod"'
expect '"acme-staging"'

run aws_sb eks list-pod-identity-associations --cluster-name acme-prod
expect '"serviceAccount": "etl-runner"'

association_id="$(aws_sb eks list-pod-identity-associations --cluster-name acme-prod \
  --namespace data-pipeline --service-account etl-runner \
  --query 'associations[0].associationId' --output text)"
run aws_sb eks describe-pod-identity-association --cluster-name acme-prod --association-id "$association_id"
expect '"roleArn": "arn:aws:iam::111122223333:role/acme-prod-etl-runner"'

run aws_sb iam get-role --role-name payments-api
expect '"Arn": "arn:aws:iam::111122223333:role/teams/payments/payments-api"'
expect '"Path": "/teams/payments/"'

run aws_sb sts get-caller-identity
expect '"Account": "111122223333"'

run aws --profile sandbox-444455556666 sts get-caller-identity
expect '"Account": "444455556666"'

# Remove what an interrupted earlier run may have left, then create and delete an association.
for stale in $(aws_sb eks list-pod-identity-associations --cluster-name acme-prod --namespace catalog \
                 --service-account catalog-images --query 'associations[].associationId' --output text); do
  aws_sb eks delete-pod-identity-association --cluster-name acme-prod --association-id "$stale" > /dev/null
done
run aws_sb eks create-pod-identity-association --cluster-name acme-prod --namespace catalog \
  --service-account catalog-images --role-arn arn:aws:iam::111122223333:role/acme-prod-catalog-images
expect '"serviceAccount": "catalog-images"'
created_id="$(sed -n 's/.*"associationId": "\([^"]*\)".*/\1/p' "$tmp/out" | head -n 1)"
[[ -n "$created_id" ]] || { echo "FAILED: no associationId in the create answer" >&2; exit 1; }

aws_sb eks delete-pod-identity-association --cluster-name acme-prod --association-id "$created_id" > /dev/null
kubectl label sa -n catalog catalog-images cli-check- > /dev/null
kubectl annotate sa -n catalog catalog-images eks.amazonaws.com/token-expiration- > /dev/null

echo "sandbox CLI check passed"
