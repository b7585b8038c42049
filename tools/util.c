// SPDX-License-Identifier: GPL-2.0-only
/* util.c - process, path and error helpers of the ptebatch CLI. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "util.h"

void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("ptebatch: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERROR);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fail("out of memory");
	va_end(ap);
	return s;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		fail("out of memory");
	return d;
}

static void redirect(int fd, const char *path)
{
	int f;

	if (!path)
		return;
	f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (f < 0)
		_exit(127);
	dup2(f, fd);
	close(f);
}

pid_t spawn_argv(char *const argv[], const char *out_path, const char *err_path)
{
	return spawn_argv_in(NULL, argv, out_path, err_path);
}

/*
 * The children running now.  Each runs in its own process group (the
 * compiler driver and its cc1, spatch and its python), so an interrupted
 * CLI ends them all (on_signal()); a CLI killed outright takes its children
 * with it (PR_SET_PDEATHSIG).
 */
#define MAX_CHILDREN 64
static volatile pid_t children[MAX_CHILDREN];
static char tmp_path[64];

static void child_track(pid_t pid, pid_t was)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i] == was) {
			children[i] = pid;
			return;
		}
}

static void block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

pid_t spawn_argv_in(const char *dir, char *const argv[], const char *out_path,
		    const char *err_path)
{
	pid_t pid, parent = getpid();
	sigset_t old;

	fflush(stdout);
	fflush(stderr);
	block_signals(&old);
	pid = fork();
	if (pid < 0)
		fail("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)	/* the CLI died before prctl() */
			_exit(128 + SIGKILL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (null >= 0) {
			dup2(null, 0);
			close(null);
		}
		redirect(1, out_path);
		redirect(2, err_path);
		if (dir && chdir(dir)) {
			dprintf(2, "cannot change to %s: %s\n", dir, strerror(errno));
			_exit(126);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	setpgid(pid, pid);	/* as the child does: whichever runs first */
	child_track(pid, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

int wait_argv(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	child_track(0, pid);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * SIGINT, SIGTERM, SIGHUP: end the children and their groups, remove the
 * temporary directory, then die of the signal as if there were no handler
 * (the shell and make see an interrupted command).  Async-signal-safe calls
 * only.
 */
static void on_signal(int sig)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i] > 0) {
			kill(-children[i], SIGKILL);
			kill(children[i], SIGKILL);
			waitpid(children[i], NULL, 0);
		}
	if (tmp_path[0]) {
		pid_t rm = fork();

		if (rm == 0) {
			execl("/bin/rm", "rm", "-rf", tmp_path, (char *)NULL);
			_exit(127);
		}
		if (rm > 0)
			waitpid(rm, NULL, 0);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void signals_init(void)
{
	struct sigaction sa;
	int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction was;

		/* an ignored signal stays ignored (nohup, a background job) */
		if (sigaction(sigs[i], NULL, &was) == 0 && was.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int run_argv(char *const argv[], const char *out_path, const char *err_path)
{
	return wait_argv(spawn_argv(argv, out_path, err_path));
}

bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	while (path && *path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len,
			 len ? path : ".", prog);
		if (access(buf, X_OK) == 0)
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

static const char *self_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t n;

	if (dir[0])
		return dir;
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n <= 0)
		return strcpy(dir, ".");
	dir[n] = 0;
	*strrchr(dir, '/') = 0;
	return dir;
}

/*
 * ENV override, else in-tree (tools/../REL), else installed next to the
 * binary (bin/../lib/ptebatch/NAME, so a relocated PREFIX works), else the
 * LIBDIR compiled in.
 */
static const char *resource(const char *env, const char *rel, const char *name)
{
	const char *v = getenv(env);
	char *p;

	if (v && *v)
		return v;
	p = xasprintf("%s/../%s", self_dir(), rel);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	p = xasprintf("%s/../lib/ptebatch/%s", self_dir(), name);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return xasprintf("%s/%s", PTEBATCH_LIBDIR, name);
}

/*
 * The compiler the plugin runs in, named as Kbuild names it (and exports
 * it to CHECK): $CC, else $(CROSS_COMPILE)gcc.  PTEBATCH_CC overrides both.
 */
const char *compiler(void)
{
	static const char *cc;
	const char *v = getenv("PTEBATCH_CC");

	if (cc)
		return cc;
	if (!v || !*v) {
		v = getenv("CC");
		/* LLVM=1 builds: the plugin still runs through gcc */
		if (v && strstr(v, "clang"))
			v = NULL;
	}
	if (v && *v)
		return cc = v;
	v = getenv("CROSS_COMPILE");
	return cc = v && *v ? xasprintf("%sgcc", v) : "gcc";
}

/*
 * The target prefix of a cross compiler's name (aarch64-linux-gnu for
 * [/path/]aarch64-linux-gnu-gcc[-12]), or NULL for a native one (gcc,
 * gcc-14, cc): each cross target has its own plugin, built by
 * make CROSS_COMPILE=TARGET-.
 */
const char *cross_target(void)
{
	static const char *t;
	const char *cc = compiler(), *base = strrchr(cc, '/'), *g;

	if (t)
		return *t ? t : NULL;
	base = base ? base + 1 : cc;
	g = strstr(base, "-gcc");
	t = g && g > base && (!g[4] || g[4] == '-') ?
		strndup(base, (size_t)(g - base)) : "";
	return *t ? t : NULL;
}

const char *plugin_path(void)
{
	static const char *p;
	const char *t = cross_target();
	char *rel, *name;

	if (p)
		return p;
	if (!t)
		return p = resource("PTEBATCH_PLUGIN", "plugin/ptebatch_plugin.so",
				    "ptebatch_plugin.so");
	rel = xasprintf("plugin/%s/ptebatch_plugin.so", t);
	name = xasprintf("%s/ptebatch_plugin.so", t);
	return p = resource("PTEBATCH_PLUGIN", rel, name);
}

/* The make command that builds the plugin plugin_path() names. */
const char *plugin_make(void)
{
	static const char *m;
	const char *t = cross_target();

	return m ? m : (m = t ? xasprintf("make CROSS_COMPILE=%s-", t) : "make");
}

const char *cocci_dir(void)
{
	static const char *p;

	return p ? p : (p = resource("PTEBATCH_COCCI_DIR", "cocci", "cocci"));
}

static void tmp_cleanup(void)
{
	char *const argv[] = { "rm", "-rf", tmp_path, NULL };

	if (tmp_path[0])
		run_argv(argv, NULL, NULL);
}

const char *tmp_dir(void)
{
	const char *base = getenv("TMPDIR");

	if (tmp_path[0])
		return tmp_path;
	snprintf(tmp_path, sizeof(tmp_path), "%s/ptebatch.XXXXXX",
		 base && strlen(base) < 40 ? base : "/tmp");
	if (!mkdtemp(tmp_path))
		fail("cannot create a temporary directory: %s", strerror(errno));
	atexit(tmp_cleanup);
	return tmp_path;
}

char *first_line_with(const char *file, const char *needle)
{
	FILE *in = fopen(file, "r");
	char *line = NULL, *first = NULL;
	size_t cap = 0;

	if (!in)
		return xstrdup("");
	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\n")] = 0;
		if (!first && *line)
			first = xstrdup(line);
		if (strstr(line, needle)) {
			free(first);
			first = xstrdup(line);
			break;
		}
	}
	free(line);
	fclose(in);
	return first ? first : xstrdup("");
}

void argv_push(struct argv_buf *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->v = realloc(a->v, a->cap * sizeof(*a->v));
		if (!a->v)
			fail("out of memory");
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

void argv_free(struct argv_buf *a)
{
	int i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

void shell_split(const char *p, struct argv_buf *out)
{
	size_t cap = strlen(p) + 1, n;
	char *w = malloc(cap);

	for (;;) {
		bool any = false;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p || *p == ';' || (p[0] == '&' && p[1] == '&'))
			break;
		for (n = 0; *p && !strchr(" \t\n;", *p); p++) {
			any = true;
			if (*p == '\'') {
				for (p++; *p && *p != '\''; p++)
					w[n++] = *p;
				if (!*p)
					break;
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
						p++;
					w[n++] = *p;
				}
				if (!*p)
					break;
			} else if (*p == '\\' && p[1]) {
				w[n++] = *++p;
			} else {
				w[n++] = *p;
			}
		}
		w[n] = 0;
		if (any)
			argv_push(out, w);
		if (!*p)
			break;
	}
	free(w);
}
