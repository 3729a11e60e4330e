# A context that does not say which environment it is.
staging_tests_configure(KUBERNETES KUBECONFIG /etc/engram/staging.kubeconfig CONTEXT engram-aks)
