"""Reads for jobs, by concern: postings (the public catalogue, a member's own posting, the E-7
salary check), applications (a graduate's, a member's, a posting's pipeline and the company's
figures) and candidates (what an employer may see of a graduate). Import from here."""

from jobs.selectors.applications import (
    CompanyFigures,
    StageTime,
    application_for_member,
    application_history,
    application_missing_parts,
    company_applications_changed,
    employer_dashboard_figures,
    graduate_application_detail,
    graduate_application_list,
    graduate_applications,
    graduate_applications_export,
    posting_applications_chosen,
    posting_pipeline,
)
from jobs.selectors.candidates import (
    applicant_shown,
    candidate_for_employer,
    candidate_visible_to_employer,
)
from jobs.selectors.postings import (
    NarrowPages,
    RankedFirst,
    SalaryWarning,
    offer_facts_for_posting,
    posting_detail_public,
    posting_e7_salary_warning,
    posting_for_member,
    posting_list_public,
    posting_rank_by_match,
    posting_text_search,
)
from jobs.selectors.saved import (
    saved_export,
    saved_job_ids,
    saved_jobs_for_graduate,
    saved_search_for_graduate,
    saved_search_from_token,
    saved_searches_for_graduate,
)

__all__ = [
    "CompanyFigures",
    "NarrowPages",
    "RankedFirst",
    "SalaryWarning",
    "StageTime",
    "applicant_shown",
    "application_for_member",
    "application_history",
    "application_missing_parts",
    "candidate_for_employer",
    "candidate_visible_to_employer",
    "company_applications_changed",
    "employer_dashboard_figures",
    "graduate_application_detail",
    "graduate_application_list",
    "graduate_applications",
    "graduate_applications_export",
    "offer_facts_for_posting",
    "posting_applications_chosen",
    "posting_detail_public",
    "posting_e7_salary_warning",
    "posting_for_member",
    "posting_list_public",
    "posting_pipeline",
    "posting_rank_by_match",
    "posting_text_search",
    "saved_export",
    "saved_job_ids",
    "saved_jobs_for_graduate",
    "saved_search_for_graduate",
    "saved_search_from_token",
    "saved_searches_for_graduate",
]
