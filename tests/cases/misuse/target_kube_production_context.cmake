# A production context in the staging file.
staging_tests_configure(KUBERNETES KUBECONFIG /etc/engram/staging.kubeconfig CONTEXT engram-staging-prod)
