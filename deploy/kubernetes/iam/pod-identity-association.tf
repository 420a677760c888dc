# The scanner's IAM role and its Pod Identity association, with Terraform and the AWS provider's
# aws_eks_pod_identity_association resource. Set var.cluster_name to the EKS cluster.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.29.0" # aws_eks_pod_identity_association
    }
  }
}

variable "cluster_name" {
  type        = string
  description = "The EKS cluster the scanner runs in."
}

resource "aws_iam_role" "eksid_scanner" {
  name               = "eksid-scanner-${var.cluster_name}"
  description        = "eksid in-cluster scanner of ${var.cluster_name} (read-only)"
  assume_role_policy = file("${path.module}/trust-policy.json")
}

resource "aws_iam_role_policy" "eksid_read" {
  name   = "eksid-read"
  role   = aws_iam_role.eksid_scanner.id
  policy = file("${path.module}/scanner-policy.json")
}

resource "aws_eks_pod_identity_association" "eksid_scanner" {
  cluster_name    = var.cluster_name
  namespace       = "eksid-system"
  service_account = "eksid-scanner"
  role_arn        = aws_iam_role.eksid_scanner.arn
}
