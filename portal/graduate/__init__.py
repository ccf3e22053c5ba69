"""The graduate's pages: dashboard, guided profile, CV, applications, account, visas, training."""
