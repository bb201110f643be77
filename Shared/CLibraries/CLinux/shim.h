// Linux I/O primitives that Swift's Glibc module does not expose (epoll, eventfd), with
// struct epoll_event (packed on x86_64) unpacked on the C side.
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>

static inline int triage_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event event = { .events = events, .data = { .u64 = data } };
    return epoll_ctl(epfd, op, fd, &event);
}

// Waits like epoll_wait and writes each ready event's data and flags to the two arrays.
static inline int triage_epoll_wait(int epfd, uint64_t *data, uint32_t *events, int capacity, int timeout_ms) {
    struct epoll_event ready[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epfd, ready, capacity, timeout_ms);
    for (int i = 0; i < count; i++) {
        data[i] = ready[i].data.u64;
        events[i] = ready[i].events;
    }
    return count;
}

static const uint32_t TRIAGE_EPOLLIN = EPOLLIN;
static const uint32_t TRIAGE_EPOLLOUT = EPOLLOUT;
static const uint32_t TRIAGE_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t TRIAGE_EPOLLHUP = EPOLLHUP;
static const uint32_t TRIAGE_EPOLLERR = EPOLLERR;

// accept4 is declared only under _GNU_SOURCE.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

static inline int triage_accept_nonblocking(int listener) {
    return accept4(listener, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// Names the calling thread for the kernel (top -H, /proc/<pid>/task/*/comm); prctl is variadic.
// Linux keeps the first 15 bytes.
static inline int triage_name_current_thread(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}
