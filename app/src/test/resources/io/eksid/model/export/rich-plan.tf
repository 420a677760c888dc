# EKS Identity Console conversion plan plan-04754c6cbe617918
# Cluster prod (arn:aws:eks:eu-west-1:111122223333:cluster/prod)
# Review before applying. Roles that already exist are imported (Terraform 1.5+ import
# blocks); if they are managed elsewhere in your configuration, move the
# assume_role_policy there instead of applying these blocks.
# Note: Add-on vpc-cni manages the annotation of kube-system/aws-node; to drop IRSA there, clear the add-on's service account role (serviceAccountRoleArn), not the annotation.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.2.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  # Credentials that can write IAM in account 444455556666, e.g. profile = "..."
  alias  = "account_444455556666"
  region = "eu-west-1"
}

# The Pod Identity agent must be ACTIVE (now not installed).
resource "aws_eks_addon" "eks-pod-identity-agent" {
  cluster_name                = "prod"
  addon_name                  = "eks-pod-identity-agent"
  resolve_conflicts_on_update = "OVERWRITE"
}

# Bridge role: the association's role must be in the cluster's account; it chains to
# arn:aws:iam::444455556666:role/data/reader
resource "aws_iam_role" "bridge_eksid-bridge-reader-ba03f98d" {
  name = "eksid-bridge-reader-ba03f98d"
  path = "/eksid/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = "111122223333"
          }
        }
      },
    ]
  })
  tags = {
    "eksid/converted-from" = "irsa"
    "eksid/target-role"    = "reader"
  }
}

resource "aws_iam_role_policy" "bridge_eksid-bridge-reader-ba03f98d" {
  name = "eksid-assume-target-role"
  role = aws_iam_role.bridge_eksid-bridge-reader-ba03f98d.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "arn:aws:iam::444455556666:role/data/reader"
      },
    ]
  })
}

import {
  to = aws_iam_role.app
  id = "app"
}

# Let EKS Pod Identity assume app (for shop/cart, shop/orders).
# Keeps every existing statement; arn:aws:iam::111122223333:role/teams/payments/app
resource "aws_iam_role" "app" {
  name = "app"
  path = "/teams/payments/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub" = ["system:serviceaccount:shop:cart", "system:serviceaccount:shop:orders"]
            "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000:sub" = ["system:serviceaccount:shop:cart"]
            "oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Sid    = "EksPodIdentity"
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
      },
    ]
  })
}

import {
  to = aws_iam_role.vpc-cni
  id = "vpc-cni"
}

# Let EKS Pod Identity assume vpc-cni (for kube-system/aws-node).
# Keeps every existing statement; arn:aws:iam::111122223333:role/vpc-cni
resource "aws_iam_role" "vpc-cni" {
  name = "vpc-cni"
  path = "/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub" = ["system:serviceaccount:kube-system:aws-node"]
            "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Sid    = "EksPodIdentity"
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
      },
    ]
  })
}

import {
  to       = aws_iam_role.target_reader
  id       = "reader"
  provider = aws.account_444455556666
}

# Let bridge role arn:aws:iam::111122223333:role/eksid/eksid-bridge-reader-ba03f98d assume arn:aws:iam::444455556666:role/data/reader (account 444455556666).
# Keeps every existing statement; arn:aws:iam::444455556666:role/data/reader
resource "aws_iam_role" "target_reader" {
  provider = aws.account_444455556666
  name     = "reader"
  path     = "/data/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::444455556666:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub" = ["system:serviceaccount:shop:reports"]
            "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111122223333:root"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/eksid/eksid-bridge-reader-ba03f98d"
          }
        }
      },
    ]
  })
}

resource "aws_eks_pod_identity_association" "shop_cart" {
  cluster_name    = "prod"
  namespace       = "shop"
  service_account = "cart"
  role_arn        = "arn:aws:iam::111122223333:role/teams/payments/app"
  tags = {
    "eksid/converted-from" = "irsa"
  }

  depends_on = [aws_iam_role.app]
}

resource "aws_eks_pod_identity_association" "shop_orders" {
  cluster_name    = "prod"
  namespace       = "shop"
  service_account = "orders"
  role_arn        = "arn:aws:iam::111122223333:role/teams/payments/app"
  tags = {
    "eksid/converted-from" = "irsa"
  }

  depends_on = [aws_iam_role.app]
}

resource "aws_eks_pod_identity_association" "shop_reports" {
  cluster_name    = "prod"
  namespace       = "shop"
  service_account = "reports"
  role_arn        = aws_iam_role.bridge_eksid-bridge-reader-ba03f98d.arn
  target_role_arn = "arn:aws:iam::444455556666:role/data/reader"
  tags = {
    "eksid/converted-from" = "irsa"
  }

  depends_on = [aws_iam_role.target_reader]
}

import {
  to = aws_eks_addon.vpc-cni
  id = "prod:vpc-cni"
}

# Converted through the add-on (it owns these associations): kube-system/aws-node
resource "aws_eks_addon" "vpc-cni" {
  cluster_name = "prod"
  addon_name   = "vpc-cni"
  pod_identity_association {
    role_arn        = "arn:aws:iam::111122223333:role/vpc-cni"
    service_account = "aws-node"
  }

  depends_on = [aws_iam_role.vpc-cni]
}

# After terraform apply (Terraform does not restart workloads or edit service accounts):
#   kubectl -n kube-system rollout restart daemonset/aws-node
#   kubectl -n shop rollout restart deployment/cart
#   kubectl -n shop rollout restart deployment/reports
#   kubectl -n shop rollout restart statefulset/orders
#   verify kube-system/aws-node: new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI
#   verify shop/cart: new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI
#   verify shop/orders: new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI
#   verify shop/reports: new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI
#   after verification: kubectl -n shop annotate serviceaccount cart eks.amazonaws.com/role-arn-   (was arn:aws:iam::111122223333:role/teams/payments/app)
#   after verification: kubectl -n shop annotate serviceaccount orders eks.amazonaws.com/role-arn-   (was arn:aws:iam::111122223333:role/teams/payments/app)
#   after verification: kubectl -n shop annotate serviceaccount reports eks.amazonaws.com/role-arn-   (was arn:aws:iam::444455556666:role/data/reader)
#   after verification: set assume_role_policy of app to drop the OIDC trust of shop/cart, shop/orders, then apply again:
#     {
#       "Version": "2012-10-17",
#       "Statement": [
#         {
#           "Effect": "Allow",
#           "Principal": {
#             "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000"
#           },
#           "Action": "sts:AssumeRoleWithWebIdentity",
#           "Condition": {
#             "StringEquals": {
#               "oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000:sub": [
#                 "system:serviceaccount:shop:cart"
#               ],
#               "oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER0000000000000000000:aud": "sts.amazonaws.com"
#             }
#           }
#         },
#         {
#           "Sid": "EksPodIdentity",
#           "Effect": "Allow",
#           "Principal": {
#             "Service": "pods.eks.amazonaws.com"
#           },
#           "Action": [
#             "sts:AssumeRole",
#             "sts:TagSession"
#           ]
#         }
#       ]
#     }
#   after verification: set assume_role_policy of vpc-cni to drop the OIDC trust of kube-system/aws-node, then apply again:
#     {
#       "Version": "2012-10-17",
#       "Statement": [
#         {
#           "Sid": "EksPodIdentity",
#           "Effect": "Allow",
#           "Principal": {
#             "Service": "pods.eks.amazonaws.com"
#           },
#           "Action": [
#             "sts:AssumeRole",
#             "sts:TagSession"
#           ]
#         }
#       ]
#     }
#   after verification: set assume_role_policy of reader to drop the OIDC trust of shop/reports, then apply again:
#     {
#       "Version": "2012-10-17",
#       "Statement": [
#         {
#           "Effect": "Allow",
#           "Principal": {
#             "AWS": "arn:aws:iam::111122223333:root"
#           },
#           "Action": [
#             "sts:AssumeRole",
#             "sts:TagSession"
#           ],
#           "Condition": {
#             "ArnEquals": {
#               "aws:PrincipalArn": "arn:aws:iam::111122223333:role/eksid/eksid-bridge-reader-ba03f98d"
#             }
#           }
#         }
#       ]
#     }
