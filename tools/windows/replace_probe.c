/* ReplaceFileW probe: what kumppani's Windows save (storage/swap.py) relies on.
 *
 * Not run by CI. Build and run (Debian: apt-get install wine64 gcc-mingw-w64-x86-64):
 *   x86_64-w64-mingw32-gcc -O1 -o replace_probe.exe tools/windows/replace_probe.c
 *   cd "$(mktemp -d)" && /usr/lib/wine/wine64 /path/to/replace_probe.exe   (or on Windows)
 * It works in the current folder: round.toml (the session), new.tmp (the new file),
 * old.replaced (the backup), and prints where each version ended after each case.
 * Under wine 8.0 (not Windows): success leaves OURS in place, OLD in the backup, no new.tmp;
 * the file open elsewhere without FILE_SHARE_DELETE, or the new file held, gives 32 and
 * moves nothing; with FILE_SHARE_DELETE a late write lands in the backup; a taken backup
 * name is overwritten; a missing file gives 2 and moves nothing.
 */
#include <windows.h>
#include <stdio.h>

static void put(const wchar_t *name, const char *text) {
    HANDLE h = CreateFileW(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD n; WriteFile(h, text, (DWORD)strlen(text), &n, NULL); CloseHandle(h);
}

static void show(const wchar_t *name) {
    char buf[64] = {0}; DWORD n = 0;
    HANDLE h = CreateFileW(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) { wprintf(L"  %ls: (absent, error %lu)\n", name, GetLastError()); return; }
    ReadFile(h, buf, sizeof buf - 1, &n, NULL); CloseHandle(h);
    wprintf(L"  %ls: %hs\n", name, buf);
}

static void attempt(const char *title, DWORD share, int write_after) {
    DeleteFileW(L"round.toml"); DeleteFileW(L"new.tmp"); DeleteFileW(L"old.replaced");
    put(L"round.toml", "OLD"); put(L"new.tmp", "OURS");
    HANDLE other = INVALID_HANDLE_VALUE;
    if (share != (DWORD)-1)
        other = CreateFileW(L"round.toml", GENERIC_READ | GENERIC_WRITE, share, NULL, OPEN_EXISTING, 0, NULL);
    BOOL ok = ReplaceFileW(L"round.toml", L"new.tmp", L"old.replaced", 0x6, NULL, NULL);
    DWORD error = ok ? 0 : GetLastError();
    printf("%s: ReplaceFileW -> %d, error %lu\n", title, ok, error);
    if (other != INVALID_HANDLE_VALUE) {
        if (write_after) {
            DWORD n; SetFilePointer(other, 0, NULL, FILE_BEGIN);
            WriteFile(other, "LATE", 4, &n, NULL);
            printf("  late write through the old handle: %lu bytes\n", n);
        }
        CloseHandle(other);
    }
    show(L"round.toml"); show(L"new.tmp"); show(L"old.replaced");
}

int main(void) {
    attempt("nobody else has it open", (DWORD)-1, 0);
    attempt("open by another handle, share read|write", FILE_SHARE_READ | FILE_SHARE_WRITE, 0);
    attempt("open by another handle, share read|write|delete, writes after",
            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, 1);
    /* the backup name already taken */
    DeleteFileW(L"round.toml"); DeleteFileW(L"new.tmp");
    put(L"round.toml", "OLD"); put(L"new.tmp", "OURS"); put(L"old.replaced", "EARLIER");
    BOOL ok = ReplaceFileW(L"round.toml", L"new.tmp", L"old.replaced", 0x6, NULL, NULL);
    printf("backup name taken: ReplaceFileW -> %d, error %lu\n", ok, ok ? 0 : GetLastError());
    show(L"round.toml"); show(L"new.tmp"); show(L"old.replaced");
    /* the replacement held open without sharing (an antivirus scanning the new file) */
    DeleteFileW(L"round.toml"); DeleteFileW(L"new.tmp"); DeleteFileW(L"old.replaced");
    put(L"round.toml", "OLD"); put(L"new.tmp", "OURS");
    HANDLE scan = CreateFileW(L"new.tmp", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok = ReplaceFileW(L"round.toml", L"new.tmp", L"old.replaced", 0x6, NULL, NULL);
    printf("replacement held (share read): ReplaceFileW -> %d, error %lu\n", ok, ok ? 0 : GetLastError());
    CloseHandle(scan);
    show(L"round.toml"); show(L"new.tmp"); show(L"old.replaced");
    /* the replaced file missing */
    DeleteFileW(L"round.toml"); DeleteFileW(L"old.replaced");
    ok = ReplaceFileW(L"round.toml", L"new.tmp", L"old.replaced", 0x6, NULL, NULL);
    printf("replaced missing: ReplaceFileW -> %d, error %lu\n", ok, ok ? 0 : GetLastError());
    show(L"round.toml"); show(L"new.tmp"); show(L"old.replaced");
    return 0;
}
