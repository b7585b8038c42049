// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptebatch model: world state, contract checks, event log, swap slots and
 * the helpers tests use to build a world.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "../include/model.h"
#include "../include/swap.h"

struct model_state model;
unsigned long model_warn_count;

static struct folio **folios;
static size_t nr_folios, folios_cap;
static struct page **mem_map;
static unsigned long mem_map_size;

void __model_warn(const char *file, int line, const char *cond, bool print)
{
	model_warn_count++;
	if (print && !model.quiet)
		fprintf(stderr, "WARNING: %s:%d: %s\n", file, line, cond);
}

void model_error(const char *fmt, ...)
{
	va_list ap;

	model.errors++;
	if (model.quiet)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "model error: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}

void dump_page(const struct page *page, const char *reason)
{
	if (model.quiet)
		return;
	fprintf(stderr, "page:%p pfn:%#lx mapcount:%d flags:%#lx: %s\n",
		(const void *)page, page_to_pfn(page), page->mapcount,
		page->flags, reason);
}

void dump_folio(const struct folio *folio, const char *reason)
{
	if (model.quiet)
		return;
	fprintf(stderr, "folio:%p pfn:%#lx order:%u ref:%d flags:%#lx: %s\n",
		(const void *)folio, folio->pfn, folio->order, folio->refcount,
		folio->flags, reason);
}

void dump_vma(const struct vm_area_struct *vma)
{
	if (!model.quiet)
		fprintf(stderr, "vma [%#lx, %#lx) flags:%#lx\n",
			vma->vm_start, vma->vm_end, vma->vm_flags);
}

void dump_mm(const struct mm_struct *mm)
{
	if (!model.quiet)
		fprintf(stderr, "mm:%p\n", (const void *)mm);
}

void model_log(enum model_event_kind kind, unsigned long start,
	       unsigned long end, unsigned long accessible_mask)
{
	struct model_event *ev;

	if (!model.log_enabled)
		return;
	if (model.log_nr == model.log_cap) {
		model.log_cap = model.log_cap ? 2 * model.log_cap : 256;
		model.log = realloc(model.log,
				    model.log_cap * sizeof(*model.log));
		if (!model.log)
			abort();
	}
	ev = &model.log[model.log_nr++];
	ev->kind = kind;
	ev->start = start;
	ev->end = end;
	ev->accessible = accessible_mask & 1;
	ev->accessible_mask = accessible_mask;
}

/* A PTE table is one aligned page, like in the kernel. */
unsigned int model_check_table_range(pte_t *ptep, unsigned int nr,
				     const char *who)
{
	uintptr_t first = (uintptr_t)ptep;
	uintptr_t last = first + ((uintptr_t)nr - 1) * sizeof(pte_t);
	unsigned int left;

	if (!nr) {
		model_error("%s: empty range", who);
		return 0;
	}
	if ((first & ~(uintptr_t)(PAGE_SIZE - 1)) ==
	    (last & ~(uintptr_t)(PAGE_SIZE - 1)))
		return nr;
	left = PTRS_PER_PTE - (first & (PAGE_SIZE - 1)) / sizeof(pte_t);
	model_error("%s: %u PTEs from table entry %u run past the PTE table",
		    who, nr, PTRS_PER_PTE - left);
	return left;
}

struct page *pfn_to_page(unsigned long pfn)
{
	return pfn < mem_map_size ? mem_map[pfn] : NULL;
}

static void *zalloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p)
		abort();
	return p;
}

void model_destroy(void)
{
	struct mm_struct *mm = model.mm;
	size_t i;

	if (mm) {
		for (i = 0; i < PTRS_PER_PMD; i++)
			free(mm->pmd[i].table);
		for (i = 0; i < (size_t)mm->nr_vmas; i++)
			free(mm->vmas[i]);
		free(mm);
	}
	for (i = 0; i < nr_folios; i++) {
		free(folios[i]->pages);
		free(folios[i]);
	}
	nr_folios = 0;
	if (mem_map)
		memset(mem_map, 0, mem_map_size * sizeof(*mem_map));
	free(model.swap_map);
	free(model.swap_extra);
	model.swap_map = NULL;
	model.swap_extra = NULL;
	model.mm = NULL;
}

void model_reset(void)
{
	bool quiet = model.quiet, log_enabled = model.log_enabled;
	struct model_event *log = model.log;
	size_t log_cap = model.log_cap;

	model_destroy();
	memset(&model, 0, sizeof(model));
	model.quiet = quiet;
	model.log_enabled = log_enabled;
	model.log = log;
	model.log_cap = log_cap;
	model.mm = zalloc(sizeof(*model.mm));
	model.next_pfn = PTRS_PER_PTE;	/* pfn 0.. stay unused */
	model.swap_slots = 1024;
	model.swap_map = zalloc(model.swap_slots);
	model.swap_extra = zalloc(model.swap_slots);
	model.next_swap = 1;
	model_warn_count = 0;
}

struct vm_area_struct *model_add_vma(unsigned long start, unsigned long end,
				     pgoff_t pgoff, unsigned long mapping,
				     unsigned long vm_flags, bool anonymous)
{
	struct mm_struct *mm = model.mm;
	struct vm_area_struct *vma;

	if (mm->nr_vmas == MODEL_MAX_VMAS || start >= end ||
	    end > TASK_SIZE_MODEL || (start | end) & ~PAGE_MASK) {
		model_error("bad VMA [%#lx, %#lx)", start, end);
		return NULL;
	}
	vma = zalloc(sizeof(*vma));
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	vma->mapping = mapping;
	vma->vm_flags = vm_flags;
	vma->anonymous = anonymous;
	vma->vm_mm = mm;
	mm->vmas[mm->nr_vmas++] = vma;
	return vma;
}

static void grow_mem_map(unsigned long end_pfn)
{
	unsigned long size = mem_map_size ? mem_map_size : 1UL << 16;

	if (end_pfn <= mem_map_size)
		return;
	while (size < end_pfn)
		size *= 2;
	mem_map = realloc(mem_map, size * sizeof(*mem_map));
	if (!mem_map)
		abort();
	memset(mem_map + mem_map_size, 0,
	       (size - mem_map_size) * sizeof(*mem_map));
	mem_map_size = size;
}

static void folio_alloc_swap_slots(struct folio *folio)
{
	unsigned long nr = folio_nr_pages(folio);

	while (model.next_swap + nr > model.swap_slots) {
		model.swap_map = realloc(model.swap_map, 2 * model.swap_slots);
		model.swap_extra = realloc(model.swap_extra,
					   2 * model.swap_slots);
		if (!model.swap_map || !model.swap_extra)
			abort();
		memset(model.swap_map + model.swap_slots, 0, model.swap_slots);
		memset(model.swap_extra + model.swap_slots, 0,
		       model.swap_slots);
		model.swap_slots *= 2;
	}
	folio->swap = swp_entry(SWP_TYPE_SWAP, model.next_swap);
	model.next_swap += nr;
	folio_set_swapcache(folio);
}

struct folio *model_add_folio(unsigned int order, enum folio_kind kind,
			      unsigned long mapping, pgoff_t index)
{
	unsigned long nr = 1UL << order, i;
	struct folio *folio;

	if (order > MAX_ORDER_MODEL || (kind == FOLIO_HUGETLB &&
					 order != PMD_SHIFT - PAGE_SHIFT)) {
		model_error("bad folio order %u", order);
		return NULL;
	}
	folio = zalloc(sizeof(*folio));
	folio->pages = zalloc(nr * sizeof(*folio->pages));
	folio->order = order;
	folio->pfn = ALIGN(model.next_pfn, nr);
	model.next_pfn = folio->pfn + nr;
	folio->refcount = 1;		/* the caller's (isolation) reference */
	folio->mapping = mapping;
	folio->index = index;
	grow_mem_map(model.next_pfn);
	for (i = 0; i < nr; i++) {
		folio->pages[i].folio = folio;
		mem_map[folio->pfn + i] = &folio->pages[i];
	}
	switch (kind) {
	case FOLIO_FILE:
		break;
	case FOLIO_SHMEM:
		folio_set_swapbacked(folio);
		break;
	case FOLIO_ANON_LAZYFREE:
		folio_set_anon(folio);
		break;
	case FOLIO_ANON_SWAPBACKED:
		folio_set_anon(folio);
		folio_set_swapbacked(folio);
		folio_alloc_swap_slots(folio);
		break;
	case FOLIO_HUGETLB:
		folio_set_hugetlb(folio);
		break;
	}
	if (nr_folios == folios_cap) {
		folios_cap = folios_cap ? 2 * folios_cap : 64;
		folios = realloc(folios, folios_cap * sizeof(*folios));
		if (!folios)
			abort();
	}
	folios[nr_folios++] = folio;
	return folio;
}

unsigned long model_page_address(struct vm_area_struct *vma,
				 struct folio *folio, unsigned long idx)
{
	return vma->vm_start +
	       ((folio->index + idx - vma->vm_pgoff) << PAGE_SHIFT);
}

pte_t *model_pte(unsigned long addr)
{
	return pte_offset_map(model.mm, addr);
}

static pte_t *model_map_slot(struct vm_area_struct *vma, struct folio *folio,
			     unsigned long idx, unsigned long *addrp)
{
	unsigned long addr = model_page_address(vma, folio, idx);
	pte_t *ptep;

	if (idx >= (unsigned long)folio_nr_pages(folio) ||
	    addr < vma->vm_start || addr >= vma->vm_end) {
		model_error("page %lu of the folio is outside the VMA", idx);
		return NULL;
	}
	ptep = pte_alloc_map(model.mm, addr);
	if (!pte_none(ptep_get(ptep))) {
		model_error("address %#lx already mapped", addr);
		return NULL;
	}
	*addrp = addr;
	return ptep;
}

static void model_account_map(struct folio *folio, unsigned long idx)
{
	folio->pages[idx].mapcount++;
	folio->refcount++;
	inc_mm_counter(model.mm, mm_counter(folio));
}

pte_t *model_map_page(struct vm_area_struct *vma, struct folio *folio,
		      unsigned long idx, u64 prot)
{
	unsigned long addr;
	pte_t *ptep = model_map_slot(vma, folio, idx, &addr);

	if (!ptep)
		return NULL;
	prot &= _PAGE_FLAGS_MASK & ~_PAGE_SWP;
	if (prot & _PAGE_PROTNONE)
		prot &= ~_PAGE_PRESENT;
	else
		prot |= _PAGE_PRESENT;
	set_pte_at(model.mm, addr, ptep, pfn_pte(folio->pfn + idx, prot));
	model_account_map(folio, idx);
	return ptep;
}

pte_t *model_map_page_devx(struct vm_area_struct *vma, struct folio *folio,
			   unsigned long idx)
{
	unsigned long addr;
	pte_t *ptep = model_map_slot(vma, folio, idx, &addr);

	if (!ptep)
		return NULL;
	set_pte_at(model.mm, addr, ptep,
		   swp_entry_to_pte(swp_entry(SWP_DEVICE_EXCLUSIVE,
					      folio->pfn + idx)));
	model_account_map(folio, idx);
	return ptep;
}

void model_map_hugetlb(struct vm_area_struct *vma, struct folio *folio,
		       u64 prot)
{
	unsigned long addr = model_page_address(vma, folio, 0);
	struct pmd_slot *slot = &model.mm->pmd[pmd_index(addr)];

	if (!folio_test_hugetlb(folio) || addr & ~PMD_MASK || slot->table ||
	    addr < vma->vm_start || addr + PMD_SIZE > vma->vm_end) {
		model_error("cannot map hugetlb folio at %#lx", addr);
		return;
	}
	slot->huge = pfn_pte(folio->pfn, (prot | _PAGE_PRESENT) &
			     _PAGE_FLAGS_MASK);
	folio->entire_mapcount++;
	folio->refcount++;
	model.mm->hugetlb_usage += folio_nr_pages(folio);
}

void model_set_swap_count(swp_entry_t entry, int count)
{
	unsigned long off = swp_offset(entry);

	if (off >= model.swap_slots) {
		model_error("swap slot %#lx out of range", off);
		return;
	}
	model.swap_map[off] = count;
	model.swap_extra[off] = count;
}

int swap_duplicate_nr(swp_entry_t entry, int nr)
{
	unsigned long off = swp_offset(entry);
	int i;

	if (off + nr > model.swap_slots) {
		model_error("swap entry %#lx+%d out of range", off, nr);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++)
		if (model.swap_map[off + i] >= SWAP_MAP_MAX)
			return -ENOMEM;
	for (i = 0; i < nr; i++)
		model.swap_map[off + i]++;
	return 0;
}

void swap_free_nr(swp_entry_t entry, int nr)
{
	unsigned long off = swp_offset(entry);
	int i;

	for (i = 0; i < nr; i++) {
		if (off + i >= model.swap_slots || !model.swap_map[off + i]) {
			model_error("swap count underflow at slot %#lx",
				    off + i);
			continue;
		}
		model.swap_map[off + i]--;
	}
}

int swap_count(swp_entry_t entry)
{
	unsigned long off = swp_offset(entry);

	return off < model.swap_slots ? model.swap_map[off] : -1;
}
