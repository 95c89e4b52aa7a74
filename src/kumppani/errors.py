"""Provides the error types the CLI and the TUI know how to show.

Every error about a file names the file, the line and column where known, the
field (a dotted path such as ``steps.overall.notes[3].created``) and what was
expected, so a secretariat can open the file and fix it by hand.

The words of an error are a ``Message``: a catalog key and the values of its
fields, so that the CLI and the TUI say it in the user's language
(``error.describe(language)``). The catalogs live above this module
(``kumppani.text.i18n``), which installs the renderer when it is imported;
until then a message shows as its key and values.
"""

from __future__ import annotations

import datetime as dt
import errno as errnos
from collections.abc import Callable
from pathlib import Path


class Message:
    """Words for a user: a catalog key and the values of its ``{fields}``.

    A value may itself be a ``Message`` (``expected=Message("type.date")``),
    rendered in the same language.
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        fields = "".join(f", {name}={value!r}" for name, value in self.values.items())
        return f"Message({self.key!r}{fields})"

    def __str__(self) -> str:
        return render(self, "en")


Words = str | Message
"""What an error says: plain text (a system's own words, a name) or a ``Message``."""


def words_to_data(words: Words | None) -> object:
    """``words`` as plain JSON data (the library's cache keeps errors so)."""
    if not isinstance(words, Message):
        return words
    values = {
        name: words_to_data(value) if isinstance(value, str | Message) else value
        for name, value in words.values.items()
    }
    return {"key": words.key, "values": values}


def words_from_data(data: object) -> Words | None:
    """The words ``words_to_data`` gave ``data`` for; ValueError if it is not such data."""
    if data is None or isinstance(data, str):
        return data
    if not (isinstance(data, dict) and isinstance(data.get("key"), str)):
        raise ValueError("not a message")
    values = data.get("values")
    if not isinstance(values, dict):
        raise ValueError("not a message")
    fields: dict[str, object] = {}
    for name, value in values.items():
        number = isinstance(value, int | float)
        fields[str(name)] = value if number else words_from_data(value)
    return Message(data["key"], **fields)


Renderer = Callable[[Message, str], str]
_renderer: list[Renderer] = []


def install_renderer(renderer: Renderer) -> None:
    """Use ``renderer(message, language)`` to put messages into words (by ``kumppani.text``)."""
    _renderer[:] = [renderer]


def render(words: Words | None, language: str = "en") -> str:
    """``words`` in ``language``; plain text stays as it is."""
    if words is None:
        return ""
    if isinstance(words, str):
        return words
    if _renderer:
        return _renderer[0](words, language)
    values = ", ".join(f"{name}={render_value(value)}" for name, value in words.values.items())
    return f"{words.key}({values})" if values else words.key


def render_value(value: object, language: str = "en") -> str:
    """A message's field value in ``language``: a nested message is rendered too."""
    return render(value, language) if isinstance(value, Message) else str(value)


_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "bool"),
    (int, "int"),
    (float, "float"),
    (str, "text"),
    (dict, "table"),
    (list, "array"),
    (dt.datetime, "datetime"),
    (dt.date, "date"),
    (dt.time, "time"),
)


def kind_of(value: object) -> Words:
    """What a value read from a file is, in words (``type.*``), for an error message."""
    for kind, name in _KINDS:
        if type(value) is kind:
            return Message(f"type.{name}")
    return type(value).__name__


def is_(what: object) -> Message:
    """``is <what>``: the message of a wrong value (its kind, or its ``repr``)."""
    return Message("problem.is", value=what)


OS_REASONS: frozenset[str] = frozenset(
    (
        "ENOENT",
        "EACCES",
        "EPERM",
        "ENOSPC",
        "EDQUOT",
        "EROFS",
        "EISDIR",
        "ENOTDIR",
        "EEXIST",
        "ENOTEMPTY",
        "EFBIG",
        "EIO",
        "EBUSY",
        "ETXTBSY",
        "ENAMETOOLONG",
        "ELOOP",
        "EMFILE",
        "ENFILE",
        "EXDEV",
        "EINVAL",
        "ENODEV",
        "ENXIO",
        "ESTALE",
        "ENOMEDIUM",
        "ETIMEDOUT",
        "ENOMEM",
        "EOPNOTSUPP",
        "ENOTSUP",
        "EAGAIN",
        "EMLINK",
    )
)
"""The error numbers (by name) whose meaning the catalogs say, as ``os_error.<name>``."""


class WordedOSError(OSError):
    """An OSError kumppani raises itself, its reason as words to say in the user's language.

    ``strerror`` holds the English text, for logs and for code that only knows OSError.
    """

    def __init__(self, number: int, words: Message, filename: str | None = None) -> None:
        super().__init__(number, render(words), filename)
        self.words = words


def os_reason(error: OSError) -> Words:
    """Why the system refused, to say in the user's language: one function for every OSError.

    The error numbers people meet (a missing file, no permission, a full disk,
    a read-only file system, a folder where a file should be …) are catalog
    texts (``os_error.enoent`` …); any other keeps the system's own words.
    """
    if isinstance(error, WordedOSError):
        return error.words
    name = errnos.errorcode.get(error.errno) if isinstance(error.errno, int) else None
    if name in OS_REASONS:
        return Message(f"os_error.{name.lower()}")
    return error.strerror or str(error) or type(error).__name__


def read_problem(error: OSError) -> Message:
    """Why a file could not be read, worded the same for every file kumppani reads."""
    if isinstance(error, FileNotFoundError):
        return Message("problem.no_such_file")
    if isinstance(error, IsADirectoryError):
        return Message("problem.is_a_folder")
    if isinstance(error, PermissionError):
        return Message("problem.no_permission")
    if isinstance(error, NotADirectoryError):
        return Message("problem.path_not_folder")
    return Message("problem.unreadable", reason=os_reason(error))


class KumppaniError(Exception):
    """Base class of every error kumppani reports to a user.

    ``KumppaniError(words)`` with a ``Message`` is said in the user's language by
    ``describe(language)``; ``str()`` is the English text.
    """

    def describe(self, language: str = "en") -> str:
        """One line saying what went wrong, in ``language``."""
        if len(self.args) == 1 and isinstance(self.args[0], Message):
            return render(self.args[0], language)
        return str(self)

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], Message):
            return render(self.args[0], "en")
        return super().__str__()


class FileError(KumppaniError):
    """A problem with a file, located as precisely as the parser allows."""

    kind = "file"

    def __init__(
        self,
        path: Path | str | None,
        message: Words,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        expected: Words | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.message_words = message
        """What is wrong, as words to render in the user's language."""
        self.line = line
        self.column = column
        self.field = field
        self.expected_words = expected
        """What was expected instead, as words to render; None if nothing to say."""
        super().__init__(path, message)

    def __str__(self) -> str:
        return self.describe()

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return render(self.message_words)

    @property
    def expected(self) -> str | None:
        """What was expected, in English (None if nothing)."""
        return None if self.expected_words is None else render(self.expected_words)

    @property
    def location(self) -> str:
        """``file:line:column`` with what is known of it."""
        where = str(self.path) if self.path is not None else "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def describe(self, language: str = "en") -> str:
        """One line: location, field, message and what was expected, in ``language``.

        The file and the field are named as written; only the explanation is translated.
        """
        parts = [self.location]
        if self.field:
            parts.append(render(Message("problem.field", field=self.field), language))
        text = ": ".join(parts) + ": " + render(self.message_words, language)
        if self.expected_words:
            wanted = Message("problem.expected", expected=self.expected_words)
            text += " " + render(wanted, language)
        return text


class SessionFileError(FileError):
    """A session file could not be read, or does not hold a valid session."""

    kind = "session"


class NewerFormatError(SessionFileError):
    """The file was written by a newer kumppani; it may be read but never overwritten."""


class TemplateError(FileError):
    """A process template is not valid."""

    kind = "template"


class ConfigError(FileError):
    """The configuration file is not valid."""

    kind = "config"


class SaveError(KumppaniError):
    """Saving failed; the file on disk is unchanged."""

    def __init__(self, path: Path, reason: Words, *, errno: int | None = None) -> None:
        self.path = path
        self.reason = reason
        """The system's own words, or a ``Message`` when kumppani itself refused."""
        self.errno = errno
        """The operating system's error number when the disk refused (ENOSPC …), else None."""
        super().__init__(path, reason)

    def describe(self, language: str = "en") -> str:
        return render(
            Message("problem.not_saved", file=str(self.path), reason=self.reason), language
        )

    def __str__(self) -> str:
        return self.describe()
