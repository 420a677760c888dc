#!/bin/sh
# The scanner's IAM role and its Pod Identity association, with the AWS CLI.
# Usage: CLUSTER=<eks cluster> ./pod-identity-association.sh   (AWS_PROFILE / AWS_REGION as usual)
# Needs the eks-pod-identity-agent add-on on the cluster (eksid scan reports it when missing).
set -eu
: "${CLUSTER:?set CLUSTER to the EKS cluster name}"
ROLE_NAME="${ROLE_NAME:-eksid-scanner-${CLUSTER}}"
HERE="$(cd "$(dirname "$0")" && pwd)"

ROLE_ARN="$(aws iam create-role --role-name "$ROLE_NAME" \
  --assume-role-policy-document "file://$HERE/trust-policy.json" \
  --description "eksid in-cluster scanner of $CLUSTER (read-only)" \
  --query Role.Arn --output text)"
aws iam put-role-policy --role-name "$ROLE_NAME" --policy-name eksid-read \
  --policy-document "file://$HERE/scanner-policy.json"
aws eks create-pod-identity-association --cluster-name "$CLUSTER" \
  --namespace eksid-system --service-account eksid-scanner --role-arn "$ROLE_ARN" \
  --query association.associationArn --output text
