#ifndef GITDESK_CLIBGIT2_SHIM_H
#define GITDESK_CLIBGIT2_SHIM_H
#include <git2.h>

/* git_libgit2_opts is variadic and so unavailable to Swift. */
static inline int gitdesk_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}
#endif
