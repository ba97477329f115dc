#ifndef GITDESK_CLIBGIT2_SHIM_H
#define GITDESK_CLIBGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>

/* git_libgit2_opts is variadic and so unavailable to Swift. */
static inline int gitdesk_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/* Lets libgit2 keep trees up to `bytes` in its object cache (the default, 4 KiB, leaves
 * out a desk's large `tickets/` tree, which history walks then inflate again and again
 * through their delta chains). */
static inline int gitdesk_cache_trees_up_to(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, bytes);
}

/* Reads objects without hashing them again (git itself does not either; `git fsck` is the
 * integrity check). libgit2's default re-hashes every object it inflates with
 * collision-detecting SHA-1, which was most of the time of a history walk. */
static inline int gitdesk_verify_object_hashes(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}
/* Caps the object cache of each open repository at `bytes`: the default, 256 MiB, fills
 * up with every ticket folder's tree on a cold read of a large desk, once per worker's
 * repository handle, and counts against the command's memory. */
static inline int gitdesk_cache_up_to(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)bytes);
}

/* Maps pack files through windows of `window` bytes and keeps at most `limit` bytes of
 * them mapped at once (libgit2's defaults on 64-bit, 1 GiB windows and 8 GiB in all, map a
 * large desk's whole pack on a cold read, and every mapped page counts against the
 * command's memory). */
static inline int gitdesk_map_packs(size_t window, size_t limit) {
    int error = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window);
    if (error != 0) return error;
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, limit);
}

#endif
