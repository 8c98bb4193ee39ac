"""Profiles kept current by the platforms themselves, under the officers' review.

- An officer (or the coordinator, for many at once) sends a platform's contact an **update
  invitation** (``invitation_send``): an e-mail with a signed link valid for 30 days to a form
  in the recipient's language, prefilled with the current profile. No account, no password.
- What comes back is a **proposal** (``Proposal``), not a publication. So is an editor's
  change of a published platform or cluster in the admin (``accounts.roles.changes_need_review``),
  and a new platform proposed by anyone from the public site.
- The officer sees a proposal beside the current entry, field by field in each language, and
  accepts all or part of it (``proposal_accept``: through ``entries.services.entry_save``, the
  one write path, with the review date set) or returns it with a comment
  (``proposal_return``). The proposer is thanked (or told) by e-mail, through the outbox.
"""
