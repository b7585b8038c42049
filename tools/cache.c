// SPDX-License-Identifier: GPL-2.0-only
/*
 * cache.c - the findings cache (cache.h); its keys are SHA-256 digests
 * (nettle's, Debian's nettle-dev).
 *
 * An entry, one file named by its key's hex digits:
 *
 *   ptebatch-cache 1
 *   D <sha256 hex> <length> <path>     one per header the compile read
 *   O <length>
 *   <the engine's output, LENGTH bytes>
 *   E <sha256 hex of every byte above this line>
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cache.h"
#include "json_read.h"
#include "util.h"

#define PLACEHOLDER	"@@PTEBATCH_ANON@@"
#define MAGIC		"ptebatch-cache 1\n"

void digest_init(struct digest *s)
{
	sha256_init(&s->ctx);
}

void digest_update(struct digest *s, const void *data, size_t len)
{
	sha256_update(&s->ctx, len, data);
}

void digest_final(struct digest *s, unsigned char out[32])
{
	sha256_digest(&s->ctx, SHA256_DIGEST_SIZE, out);
}

/*
 * A file's digest, once per run while its size, mtime and inode stay: a
 * lint hashes the plugin for each of its compiles' keys, and each
 * compile's headers for its entry.
 */
struct file_digest {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	unsigned char h[32];
};
static struct file_digest *digests;
static size_t nr_digests, cap_digests;

static struct file_digest *digest_known(const char *path, const struct stat *st)
{
	size_t i;

	for (i = 0; i < nr_digests; i++) {
		struct file_digest *d = &digests[i];

		if (d->ino == st->st_ino && d->dev == st->st_dev &&
		    d->size == st->st_size && d->mtime.tv_sec == st->st_mtim.tv_sec &&
		    d->mtime.tv_nsec == st->st_mtim.tv_nsec && !strcmp(d->path, path))
			return d;
	}
	return NULL;
}

bool digest_file(const char *path, unsigned char out[32])
{
	unsigned char buf[65536];
	struct digest s;
	struct stat st;
	struct file_digest *d;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && (d = digest_known(path, &st))) {
		close(fd);
		memcpy(out, d->h, 32);
		return true;
	}
	digest_init(&s);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		digest_update(&s, buf, n);
	close(fd);
	if (n < 0)
		return false;
	digest_final(&s, out);
	if (nr_digests == cap_digests) {
		cap_digests = cap_digests ? 2 * cap_digests : 256;
		digests = realloc(digests, cap_digests * sizeof(*digests));
		if (!digests)
			fail("out of memory");
	}
	d = &digests[nr_digests++];
	d->path = xstrdup(path);
	d->dev = st.st_dev;
	d->ino = st.st_ino;
	d->size = st.st_size;
	d->mtime = st.st_mtim;
	memcpy(d->h, out, 32);
	return true;
}

static void hex(const unsigned char h[32], char out[65])
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
}

/* S (LEN bytes) with each FROM replaced by TO; *OUT_LEN its length */
static char *replace_all(const char *s, size_t len, const char *from,
			 const char *to, size_t *out_len)
{
	size_t fl = from && *from ? strlen(from) : 0, tl = strlen(to), n = 0, i;
	char *out, *o;

	for (i = 0; fl && i + fl <= len; i++)
		if (!memcmp(s + i, from, fl)) {
			n++;
			i += fl - 1;
		}
	out = malloc(len + n * (tl > fl ? tl - fl : 0) + 1);
	if (!out)
		fail("out of memory");
	for (i = 0, o = out; i < len;) {
		if (fl && i + fl <= len && !memcmp(s + i, from, fl)) {
			memcpy(o, to, tl);
			o += tl;
			i += fl;
		} else {
			*o++ = s[i++];
		}
	}
	*o = 0;
	*out_len = o - out;
	return out;
}

void cache_key_str(struct digest *s, const char *str, const char *anon)
{
	size_t n;
	char *r = replace_all(str, strlen(str), anon, PLACEHOLDER, &n);

	digest_update(s, r, n + 1);	/* with its NUL: a separator */
	free(r);
}

bool cache_key_file(struct digest *s, const char *path)
{
	unsigned char h[32];

	if (!digest_file(path, h))
		return false;
	digest_update(s, h, sizeof(h));
	return true;
}

void cache_key_prog(struct digest *s, const char *prog)
{
	const char *path = getenv("PATH");
	char *copy = xstrdup(path ? path : "/usr/bin:/bin"), *save = NULL, *d;
	struct stat st;
	char *full = NULL;

	if (strchr(prog, '/')) {
		full = xstrdup(prog);
	} else {
		for (d = strtok_r(copy, ":", &save); d && !full; d = strtok_r(NULL, ":", &save)) {
			char *p = xasprintf("%s/%s", *d ? d : ".", prog);

			if (!access(p, X_OK))
				full = p;
			else
				free(p);
		}
	}
	free(copy);
	cache_key_str(s, full ? full : prog, NULL);
	if (full && !stat(full, &st)) {
		char *id = xasprintf("%lld.%lld.%ld", (long long)st.st_size,
				     (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

		cache_key_str(s, id, NULL);
		free(id);
	}
	free(full);
}

bool cache_enabled(void)
{
	const char *v = getenv("PTEBATCH_FINDINGS_CACHE");

	return !v || strcmp(v, "0");
}

const char *cache_root(void)
{
	static char *base;
	static bool tried;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (tried)
		return base;
	tried = true;
	if (xdg && *xdg)
		base = xasprintf("%s/ptebatch", xdg);
	else if (home && *home)
		base = xasprintf("%s/.cache/ptebatch", home);
	return base;
}

/* The cache's directory, made if need be; NULL when there is none. */
static const char *cache_dir(void)
{
	static char *dir;
	static bool tried;
	const char *base = cache_root();
	char *p;

	if (tried)
		return dir;
	tried = true;
	if (!base)
		return NULL;
	p = xasprintf("%s/findings-1", base);
	/* mkdir -p */
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0777);
			*s = '/';
		}
	if (mkdir(p, 0777) && errno != EEXIST) {
		free(p);
		p = NULL;
	}
	dir = p;
	return dir;
}

unsigned long long cache_size_limit(void)
{
	const char *v = getenv("PTEBATCH_CACHE_SIZE");
	unsigned long long n;
	char *end;

	if (!v || !*v)
		return 256ull << 20;
	n = strtoull(v, &end, 10);
	switch (*end) {
	case 'G': case 'g': n <<= 10; /* fall through */
	case 'M': case 'm': n <<= 10; /* fall through */
	case 'K': case 'k': n <<= 10; break;
	default: break;
	}
	return n;
}

/* The next line of TEXT from *POS (NUL-terminated in place); NULL at end */
static char *next_line(char *text, size_t len, size_t *pos)
{
	char *s = text + *pos, *nl;

	if (*pos >= len)
		return NULL;
	nl = memchr(s, '\n', len - *pos);
	if (!nl)
		return NULL;
	*nl = 0;
	*pos = nl + 1 - text;
	return s;
}

/* DEP (with the placeholder) as a path to read */
static char *dep_path(const char *dep, const char *anon, const char *dir)
{
	size_t n;
	char *r = replace_all(dep, strlen(dep), PLACEHOLDER, anon ? anon : "", &n), *p;

	if (r[0] == '/' || !dir)
		return r;
	p = path_join(dir, r);
	free(r);
	return p;
}

/* PTEBATCH_CACHE_TRACE=FILE: one line per look-up and store (tests) */
static void trace(const char *what, const unsigned char key[32])
{
	const char *path = getenv("PTEBATCH_CACHE_TRACE");
	char name[65];
	FILE *out;

	if (!path || !*path || !(out = fopen(path, "a")))
		return;
	hex(key, name);
	fprintf(out, "%s %s\n", what, name);
	fclose(out);
}

static bool get(const unsigned char key[32], const char *anon, const char *dir,
		const char *out_path, const char **why);

bool cache_get(const unsigned char key[32], const char *anon, const char *dir,
	       const char *out_path)
{
	const char *why = "miss";
	bool hit = get(key, anon, dir, out_path, &why);

	trace(hit ? "hit" : why, key);
	return hit;
}

static bool get(const unsigned char key[32], const char *anon, const char *dir,
		const char *out_path, const char **why)
{
	const char *cd = cache_enabled() ? cache_dir() : NULL;
	char name[65], *path, *text, *line, *e, *out;
	unsigned char sum[32];
	struct digest s;
	size_t len, pos = 0, olen, n;
	bool ok = false;
	FILE *f;

	if (!cd)
		return false;
	hex(key, name);
	path = xasprintf("%s/%s", cd, name);
	text = file_read(path, &len);
	if (!text) {
		free(path);
		return false;
	}
	/* the checksum line ends the entry: "E <64 hex>\n" */
	if (len < strlen(MAGIC) + 67 || memcmp(text, MAGIC, strlen(MAGIC)) ||
	    memcmp(text + len - 67, "E ", 2) || text[len - 1] != '\n')
		goto bad;
	digest_init(&s);
	digest_update(&s, text, len - 67);
	digest_final(&s, sum);
	hex(sum, name);
	if (memcmp(text + len - 65, name, 64))
		goto bad;
	len -= 67;
	pos = strlen(MAGIC);
	while ((line = next_line(text, len, &pos)) && line[0] == 'D') {
		unsigned char h[32];
		char *dep, *p;
		long dlen;

		if (strlen(line) < 69 || line[1] != ' ' || line[66] != ' ')
			goto bad;
		dlen = strtol(line + 67, &e, 10);
		if (*e != ' ' || dlen < 0 || (size_t)dlen != strlen(e + 1))
			goto bad;
		dep = e + 1;
		p = dep_path(dep, anon, dir);
		if (!digest_file(p, h)) {
			free(p);
			*why = "stale";
			goto miss;
		}
		free(p);
		hex(h, name);
		if (memcmp(name, line + 2, 64)) {
			*why = "stale";
			goto miss;
		}
	}
	if (!line || strncmp(line, "O ", 2))
		goto bad;
	olen = strtoul(line + 2, &e, 10);
	if (*e || olen != len - pos)
		goto bad;
	out = replace_all(text + pos, olen, PLACEHOLDER, anon ? anon : "", &n);
	f = fopen(out_path, "w");
	ok = f && fwrite(out, 1, n, f) == n;
	if (f && fclose(f))
		ok = false;
	free(out);
	if (ok) {
		hex(key, name);
		free(path);
		path = xasprintf("%s/%s", cd, name);
		utimensat(AT_FDCWD, path, NULL, 0);	/* recently used */
	}
	goto miss;
bad:
	*why = "corrupt";
	unlink(path);		/* not whole: never used again */
miss:
	free(text);
	free(path);
	return ok;
}

struct entry {
	struct timespec mtime;
	off_t size;
	char name[72];
};

static int by_age(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 :
	       x->mtime.tv_nsec > y->mtime.tv_nsec;
}

/* Oldest entries out until the cache holds 3/4 of its limit at most. */
static void trim(const char *cd)
{
	unsigned long long limit = cache_size_limit(), total = 0;
	struct entry *v = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *d;
	DIR *dir = opendir(cd);

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		struct stat st;
		char *p;

		if (d->d_name[0] == '.' || strlen(d->d_name) >= sizeof(v->name))
			continue;
		p = xasprintf("%s/%s", cd, d->d_name);
		if (!stat(p, &st) && S_ISREG(st.st_mode)) {
			/* a writer's temporary file left by a killed run */
			if (!strncmp(d->d_name, "tmp.", 4) &&
			    st.st_mtime < time(NULL) - 3600) {
				unlink(p);
			} else {
				if (n == cap) {
					cap = cap ? 2 * cap : 256;
					v = realloc(v, cap * sizeof(*v));
					if (!v)
						fail("out of memory");
				}
				v[n].mtime = st.st_mtim;	/* ns: entries of one second */
				v[n].size = st.st_size;
				strcpy(v[n++].name, d->d_name);
				total += st.st_size;
			}
		}
		free(p);
	}
	closedir(dir);
	if (total > limit) {
		qsort(v, n, sizeof(*v), by_age);
		for (i = 0; i < n && total > limit / 4 * 3; i++) {
			char *p;

			if (!strncmp(v[i].name, "tmp.", 4))
				continue;
			p = xasprintf("%s/%s", cd, v[i].name);
			if (!unlink(p))
				total -= v[i].size;
			free(p);
		}
	}
	free(v);
}

void cache_put(const unsigned char key[32], const char *anon, const char *dir,
	       const char *out_path, const struct argv_buf *headers)
{
	const char *cd = cache_enabled() ? cache_dir() : NULL;
	struct argv_buf none = { 0 };
	const struct argv_buf *deps = headers ? headers : &none;
	char name[65], *tmp, *final, *out, *body = NULL;
	size_t olen, n, blen = 0;
	unsigned char sum[32];
	struct digest s;
	FILE *m, *f;
	int i, fd;

	if (!cd)
		return;
	out = file_read(out_path, &olen);
	if (!out)
		return;
	m = open_memstream(&body, &blen);
	if (!m)
		fail("out of memory");
	fputs(MAGIC, m);
	for (i = 0; i < deps->n; i++) {
		unsigned char h[32];
		char *p = dep_path(deps->v[i], NULL, dir), *r;

		/* dep_path() reads it as given: the placeholder only in the entry */
		if (!digest_file(p, h)) {
			free(p);
			fclose(m);
			goto out;	/* a header gone already: nothing to keep */
		}
		free(p);
		r = replace_all(deps->v[i], strlen(deps->v[i]), anon, PLACEHOLDER, &n);
		hex(h, name);
		fprintf(m, "D %s %zu %s\n", name, n, r);
		free(r);
	}
	{
		char *r = replace_all(out, olen, anon, PLACEHOLDER, &n);

		fprintf(m, "O %zu\n", n);
		fwrite(r, 1, n, m);
		free(r);
	}
	if (fclose(m))
		goto out;
	digest_init(&s);
	digest_update(&s, body, blen);
	digest_final(&s, sum);
	hex(sum, name);
	tmp = xasprintf("%s/tmp.%d.XXXXXX", cd, (int)getpid());
	fd = mkstemp(tmp);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f && fwrite(body, 1, blen, f) == blen && fprintf(f, "E %s\n", name) > 0 &&
	    !fflush(f) && !fclose(f)) {
		hex(key, name);
		final = xasprintf("%s/%s", cd, name);
		if (rename(tmp, final))
			unlink(tmp);
		else
			trace("store", key);
		free(final);
		trim(cd);
	} else {
		if (f)
			fclose(f);
		else if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	free(tmp);
out:
	free(body);
	free(out);
}
