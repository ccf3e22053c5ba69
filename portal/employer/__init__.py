"""The employer's pages: dashboard, company, postings, candidates, pipeline, sponsoring training."""
