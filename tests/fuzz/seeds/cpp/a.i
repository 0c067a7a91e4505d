# 1 "/t/include/uapi/linux/foo.h" 1
#define FOOIO 0xF0
#define FOO_IOW(nr, t) _IOW(FOOIO, nr, t)
#define _IOW(a,b,c) _IOC(1,a,b,sizeof(c))
#define FOO_SET FOO_IOW(1, struct foo)
#define FOO_RAW _IOC(3U, FOOIO, 4, sizeof(union u))
#undef FOOIO
struct __attribute__((packed)) foo { int a; };
