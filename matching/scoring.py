"""Every constant of the match score, in one place, with what it means.

matching/kernels.py (numba), matching/reference.py (plain Python) and matching/explain.py read
these names; changing one changes all three together (a test holds them bit-identical).

Fit: how well the graduate covers what the posting asks.
- A posting skill's importance is the employer's weight times REQUIRED_WEIGHT for a required
  skill, or NICE_TO_HAVE_WEIGHT for a nice-to-have one; the importances of a posting are then
  normalised to sum to one. With the defaults, two required and two nice-to-have skills give the
  required ones three quarters of the fit.

Preference: how well the posting offers what the graduate wants (industry, region, job type,
company size, salary), a weighted mean of factors in [0, 1].
"""

# --- fit ---------------------------------------------------------------------------------------

REQUIRED_WEIGHT = 3.0
NICE_TO_HAVE_WEIGHT = 1.0

# --- preference --------------------------------------------------------------------------------

NEUTRAL = 0.5  # a factor the graduate left open
RELOCATE_CREDIT = 0.5  # a region they did not ask for, when they are willing to relocate
SALARY_FLOOR_RATIO = 0.75  # offered maximum / wanted minimum at or below this: salary factor 0
W_INDUSTRY = 0.30
W_REGION = 0.20
W_JOB_TYPE = 0.15
W_SIZE = 0.10
W_SALARY = 0.25
