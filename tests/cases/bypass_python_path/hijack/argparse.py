# Shadows the standard library's argparse for a Python that honours
# PYTHONPATH: a session script importing it would stop here, "passing".
print("HIJACKED: the session script imported a module from PYTHONPATH")
raise SystemExit(0)
