"""REST for matches: a graduate's matches (graduate), a posting's ranked candidates with
explanations for verified companies (employer), and staff's match runs (staff); what a match and
its explanation look like in the API (output)."""
