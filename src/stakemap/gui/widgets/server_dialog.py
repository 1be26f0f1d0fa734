"""File > Open from Server…: connect, list the maps this user may open, open one, make one, publish one,
and (owners) share one.

The password typed here stays in memory for this connection (and in the OS keyring if the user asks
and ``keyring`` is installed); it is never written to settings or shown in a message. Listing and
opening run on the GUI thread: each is a handful of round trips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.model import Map
from stakemap.gui.dialog_host import MapHost
from stakemap.storage.errors import MapFileError
from stakemap.storage.server import (
    LEVELS,
    PasswordNeededError,
    ServerMap,
    create_server_map,
    grant,
    list_maps,
    revoke,
)
from stakemap.storage.server_address import (
    ServerAddress,
    ServerAddressError,
    check_tls,
    is_server_address,
    parse_server_address,
    store_in_keyring,
    with_known_password,
)

if TYPE_CHECKING:
    from stakemap.gui.document import MapDocument
    from stakemap.storage.database import OpenedMap


NO_ACCESS = "no access"


class ServerDialog(QDialog):
    """Host, port, database and user; the maps found there; Open, New Map on Server, Publish."""

    def __init__(self, parent: QWidget | None = None, *, publish: Map | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open from Server")
        self._publish = publish
        self.chosen: ServerAddress | None = None
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("from the keyring, ~/.pgpass or PGPASSWORD if empty")
        self.remember = QCheckBox("Remember the password in the system keyring")
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.remember)
        self.tls = QLabel()
        self.host.textChanged.connect(self._show_tls)
        self._show_tls()
        self.connect_button = QPushButton("&List Maps")
        self.connect_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Map", "Title", "Your access"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.new_button = QPushButton("&New Map on Server…")
        self.new_button.clicked.connect(lambda: self.create_map())
        self.publish_button = QPushButton("&Publish This Map…")
        self.publish_button.clicked.connect(lambda: self.create_map(publish=True))
        self.publish_button.setVisible(publish is not None)
        self.share_button = QPushButton("&Share…")
        self.share_button.setToolTip("Owners: give a user viewer, editor or owner access, or take it away")
        self.share_button.clicked.connect(lambda: self.share())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.open_selected)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addStretch(1)
        row.addWidget(self.new_button)
        row.addWidget(self.publish_button)
        row.addWidget(self.share_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tls)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._maps: list[ServerMap] = []
        self._update_buttons()

    # ------------------------------------------------------------------ state
    def fill_from(self, address: ServerAddress) -> None:
        """Start from a known server (the last one used); the password is never stored, so not filled."""
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user or "")

    def address(self) -> ServerAddress:
        """The address typed in (without a map), with the typed password if any."""
        database = self.database.text().strip()
        if not database:
            raise ServerAddressError("Enter the name of the database that holds the maps.")
        address = ServerAddress(
            host=self.host.text().strip() or "localhost",
            port=self.port.value(),
            database=database,
            user=self.user.text().strip() or None,
            password=self.password.text() or None,
        )
        check_tls(address)
        return with_known_password(address)

    def _show_tls(self) -> None:
        local = ServerAddress(host=self.host.text().strip() or "localhost", database="-").is_local
        self.tls.setText(
            "This computer: no TLS needed."
            if local
            else "Connects over TLS with the server's certificate and name checked (verify-full)."
        )

    def _update_buttons(self) -> None:
        selected = self._selected()
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        button.setEnabled(selected is not None and bool(selected.access))
        self.share_button.setEnabled(selected is not None and selected.access == "owner")

    def _selected(self) -> ServerMap | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._maps[row] if 0 <= row < len(self._maps) else None

    def _fail(self, exc: Exception) -> None:
        # Storage messages never hold the password (server_address.redact, ServerError).
        self.status.setText(str(exc))

    # ---------------------------------------------------------------- actions
    def refresh(self) -> bool:
        """List the maps of the database; False (with the reason shown) if that failed."""
        try:
            address = self.address()
            self._maps = list_maps(address)
        except MapFileError as exc:
            self._maps = []
            self._fill()
            self._fail(exc)
            return False
        self._remember(address)
        self._fill()
        openable = sum(1 for m in self._maps if m.access)
        self.status.setText(f"{len(self._maps)} maps on the server; you may open {openable}.")
        return True

    def _fill(self) -> None:
        self.table.setRowCount(len(self._maps))
        for row, found in enumerate(self._maps):
            for column, value in enumerate((found.name, found.title, found.access or "no access")):
                item = QTableWidgetItem(value)
                if not found.access:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def _remember(self, address: ServerAddress) -> None:
        if self.remember.isChecked() and self.password.text():
            if not store_in_keyring(address, self.password.text()):
                self.status.setText("There is no usable system keyring: the password was not remembered.")

    def open_selected(self) -> None:
        selected = self._selected()
        if selected is None or not selected.access:
            return
        try:
            self.chosen = self.address().with_map(selected.name)
        except MapFileError as exc:
            self._fail(exc)
            return
        self.accept()

    def share(self) -> bool:
        """Ask for a user and a level (or No access) for the selected map, and apply it."""
        selected = self._selected()
        if selected is None:
            return False
        user, ok = QInputDialog.getText(self, "Share", f"User to share “{selected.name}” with (login name):")
        if not ok or not user.strip():
            return False
        level, ok = QInputDialog.getItem(self, "Share", "Access:", [*LEVELS, NO_ACCESS], 1, False)
        if not ok:
            return False
        return self.share_with(selected.name, user.strip(), level)

    def share_with(self, name: str, user: str, level: str) -> bool:
        try:
            address = self.address()
            if level == NO_ACCESS:
                revoke(address, name, user)
                self.status.setText(f"{user} no longer has access to “{name}”.")
            else:
                grant(address, name, user, level)
                self.status.setText(f"{user} now has {level} access to “{name}”.")
        except MapFileError as exc:
            self._fail(exc)
            return False
        return True

    def create_map(self, *, publish: bool = False) -> bool:
        """New Map on Server (empty) or Publish This Map (a copy of the open map); needs an administrator."""
        name, ok = QInputDialog.getText(
            self,
            "Publish This Map" if publish else "New Map on Server",
            "Name on the server (lower-case letters, digits and _):",
        )
        if not ok or not name.strip():
            return False
        return self.create_named(name.strip(), publish=publish)

    def create_named(self, name: str, *, publish: bool = False) -> bool:
        try:
            address = self.address().with_map(name)
            contents = self._publish if publish else None
            create_server_map(address, name, contents)
        except MapFileError as exc:
            self._fail(exc)
            return False
        self.chosen = address
        self.accept()
        return True


#: Server maps opened recently, as addresses without any password (``ServerAddress.display``).
RECENT_KEY = "servers/recent"
MAX_RECENT = 10


def recent_server_maps(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    return [item for item in items if isinstance(item, str) and is_server_address(item)]


def remember_server_map(settings: QSettings, address: ServerAddress) -> None:
    shown = address.display()  # never the password
    items = [shown, *(item for item in recent_server_maps(settings) if item != shown)][:MAX_RECENT]
    settings.setValue(RECENT_KEY, items)


class MapOpener(MapHost, Protocol):
    """What opening or publishing a server map needs of the window it opens in, and nothing more: its
    open map is the one to publish, and its status bar says why a map opened read-only."""

    @property
    def settings(self) -> QSettings: ...  # remembers the servers last used (never a password)

    def show_map(self, document: MapDocument) -> bool: ...  # the window's one way in; False if not shown


def open_address(host: MapOpener, address: ServerAddress) -> OpenedMap | None:
    """Open a server map in ``host``, asking for the password if no usual place has it."""
    from stakemap.gui.document import MapDocument
    from stakemap.storage.database import open_url

    try:
        try:
            opened = open_url(address)
        except PasswordNeededError:
            if address.password is not None:
                raise
            password, ok = QInputDialog.getText(
                host.window(),
                "Password",
                f"Password for {address.user or 'you'} on {address.host}:",
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            opened = open_url(address.with_password(password))
    except MapFileError as exc:
        QMessageBox.warning(host.window(), "Cannot open the map", str(exc))
        return None
    if not host.show_map(MapDocument(opened)):
        return None
    remember_server_map(host.settings, address)
    if opened.read_only_reason:
        host.statusBar().showMessage(f"Read-only: {opened.read_only_reason}")
    return opened


def open_from_server(host: MapOpener, *, publish: bool = False) -> OpenedMap | None:
    """Run the dialog and open the chosen map in ``host``; the opened map, or None."""
    current = host.document.map if (publish and host.document is not None) else None
    dialog = ServerDialog(host.window(), publish=current)
    recent = recent_server_maps(host.settings)
    if recent:
        dialog.fill_from(parse_server_address(recent[0]))
    if publish:
        dialog.setWindowTitle("Publish This Map")
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return None
    return open_address(host, dialog.chosen)
