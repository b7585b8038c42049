# SPDX-License-Identifier: GPL-2.0-only
# folio_pte_batch_flags() no longer limits the scan to the folio's last
# PFN: it trusts pte_advance_pfn() past the folio's end.
/^\t\/\* Limit max_nr to the actual remaining PFNs in the folio we could batch. \*\/$/{N;N;N;s/.*//;}
