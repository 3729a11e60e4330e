# KUBERNETES without the context the tests must use.
staging_tests_configure(KUBERNETES KUBECONFIG /etc/engram/staging.kubeconfig)
