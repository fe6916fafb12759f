<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/commandline.cpp" line="+43"/>
        <source>BWX trading terminal: trade IP transit on the BWX exchange.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exchange address, e.g. exchange.example.net:7400.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Directory with member.crt, member.key and ca.crt (what bwxctl cert issue --out writes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Member client certificate (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+11"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Private key of the certificate (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The exchange&apos;s CA certificate (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name the server certificate must carry, when it differs from the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect, wait for the market watch and the book, write the main window as PNG to &lt;file&gt; and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give up on --screenshot after this many seconds (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Window size for --screenshot (default 1600x1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WxH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the order book of this prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour theme: dark or light.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--profile: %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--book: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--style: &apos;%1&apos; is neither dark nor light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--screenshot-timeout: &apos;%1&apos; is not a number of seconds from 1 to 3600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--size: &apos;%1&apos; is not WIDTHxHEIGHT between 640x400 and 8000x8000</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <location filename="../client/connectionprofile.cpp" line="+17"/>
        <source>Server address &apos;%1&apos; has no port (expected host:port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Port &apos;%1&apos; is not a number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address has no host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the server address as host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server address &apos;%1&apos; opens &apos;[&apos; without closing it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <location filename="../client/connectionstate.cpp" line="+16"/>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting</source>
        <translation>Verbinde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logging in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconnecting</source>
        <translation>Neuverbindung</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../views/csvexport.cpp" line="+62"/>
        <location line="+8"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message numerus="yes">
        <location filename="../models/format.cpp" line="+72"/>
        <source>%n d</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>GTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GTD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FOK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Working</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partially filled</source>
        <translation>Teilausgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filled</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+51"/>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>Suspended</source>
        <translation>Ausgesetzt</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best effort</source>
        <translation>Best Effort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Real-time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Best price</source>
        <translation>Bester Preis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best performance</source>
        <translation>Beste Qualität</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weighted</source>
        <translation>Gewichtet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../trading/orderform.cpp" line="+52"/>
        <source>Enter a destination: a prefix such as 203.0.113.0/24, an origin AS such as AS64500, or customer, peer or transit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>Destination: %1</source>
        <translation>Ziel: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the capacity in Mbps</source>
        <translation>Kapazität in Mbit/s eingeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capacity: %1</source>
        <translation>Kapazität: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity must be more than 0 Mbps</source>
        <translation>Die Kapazität muss größer als 0 Mbit/s sein</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Minimum block: %1</source>
        <translation>Mindestblock: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minimum block must be more than 0 Mbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Minimum block %1 is larger than the capacity %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capacity %1 is not a whole number of %2 minimum blocks</source>
        <translation>Kapazität %1 ist kein Vielfaches des Mindestblocks %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter a price per Mbps per month</source>
        <translation>Preis pro Mbit/s und Monat eingeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Price: %1</source>
        <translation>Preis: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price must be more than 0</source>
        <translation>Der Preis muss größer als 0 sein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A market order never rests in the book: choose IOC or FOK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A GTD order needs an expiry time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiry %1 UTC is not in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the start of delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the end of delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delivery end %1 is not after delivery start %2</source>
        <translation>Lieferungsende %1 liegt nicht nach Lieferungsbeginn %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A sell order must name the traffic type it carries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The total cost of this order is too large</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScreenshotController</name>
    <message>
        <location filename="../app/screenshotcontroller.cpp" line="+24"/>
        <source>the window rendered empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableSetup</name>
    <message>
        <location filename="../views/tablesetup.cpp" line="+26"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Right-click to choose the columns; drag to reorder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsCredentials</name>
    <message>
        <location filename="../client/tlscredentials.cpp" line="+17"/>
        <source>No %1 file given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the %1 file %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The %1 file %2 holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 holds no unencrypted PEM private key (RSA, EC or DSA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate in %1 expired on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::AmendOrderDialog</name>
    <message>
        <location filename="../views/amendorderdialog.cpp" line="+20"/>
        <source>Amend order %1</source>
        <translation>Order %1 ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 toward %3 at %4, %5 filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New price per Mbps per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowering only the capacity keeps the order&apos;s time priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Price:</source>
        <translation>&amp;Preis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Capacity:</source>
        <translation>&amp;Kapazität:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amend order</source>
        <translation>Order ändern</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Price: %1</source>
        <translation>Preis: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price must be more than 0</source>
        <translation>Der Preis muss größer als 0 sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Capacity: %1</source>
        <translation>Kapazität: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity must be more than the %1 already filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capacity %1 is not a whole number of %2 minimum blocks</source>
        <translation>Kapazität %1 ist kein Vielfaches des Mindestblocks %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change the price or the capacity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ConfirmOrderDialog</name>
    <message>
        <location filename="../views/confirmorderdialog.cpp" line="+21"/>
        <source>Confirm buy order</source>
        <translation>Kauforder bestätigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirm sell order</source>
        <translation>Verkaufsorder bestätigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Buy %1 toward %2</source>
        <translation>Kauf %1 nach %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sell %1 toward %2</source>
        <translation>Verkauf %1 nach %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Destination:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity:</source>
        <translation>Kapazität:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum block:</source>
        <translation>Mindestblock:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price per Mbps per month:</source>
        <translation>Preis pro Mbit/s und Monat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Market (the book&apos;s prices)</source>
        <translation>Market (Preise des Orderbuchs)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order type:</source>
        <translation>Ordertyp:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery (UTC):</source>
        <translation>Lieferung (UTC):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Traffic type:</source>
        <translation>Verkehrsart:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set by the fills (market order)</source>
        <translation>Ergibt sich aus den Ausführungen (Market-Order)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price × Mbps × months of the delivery period (30-day months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send buy order</source>
        <translation>Kauforder senden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send sell order</source>
        <translation>Verkaufsorder senden</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ConnectDialog</name>
    <message>
        <location filename="../views/connectdialog.cpp" line="+23"/>
        <source>Connect to the exchange</source>
        <translation>Mit der Börse verbinden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The exchange gives each member a client certificate and its private key, and the CA certificate that signed the server&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>host:port, e.g. exchange.example.net:7400</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;A:</source>
        <translation>C&amp;A:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exchange CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From a profile &amp;directory…</source>
        <translation>Aus einem Profil&amp;verzeichnis…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill in member.crt, member.key and ca.crt from the directory `bwxctl cert issue --out` wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member profile directory</source>
        <translation>Profilverzeichnis des Mitglieds</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>optional: the name in the server&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server certificate name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server &amp;name:</source>
        <translation>Server&amp;name:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>C&amp;onnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ConnectionStatusWidget</name>
    <message>
        <location filename="../views/connectionstatuswidget.cpp" line="+42"/>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The exchange&apos;s clock (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Market data age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reconnecting in %1 s</source>
        <translation>Neuverbindung in %1 s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Member: %1</source>
        <translation>Mitglied: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Feed: no data</source>
        <translation>Daten: keine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Feed: %1 s</source>
        <translation>Daten: %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time since the last market-data message. It turns orange after %1 s: prices shown may be out of date (or the market is quiet).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ExchangeClient</name>
    <message>
        <location filename="../client/exchangeclient.cpp" line="+50"/>
        <source>The server did not complete the login within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+162"/>
        <source>The server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Could not decode a message from the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server sent a broken frame (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No answer from the server for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+124"/>
        <source>The server ended the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>market watch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MainWindow</name>
    <message>
        <location filename="../app/mainwindow.cpp" line="+53"/>
        <source>BWX Terminal</source>
        <translation>BWX Terminal</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Missed market data for %1: reloading it</source>
        <translation>Marktdaten für %1 verpasst: werden neu geladen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Market watch</source>
        <translation>Marktübersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order book</source>
        <translation>Orderbuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order entry</source>
        <translation>Ordereingabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My orders</source>
        <translation>Meine Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trades</source>
        <translation>Abschlüsse</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Trades exported to %1</source>
        <translation>Abschlüsse exportiert nach %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export trades as CSV…</source>
        <translation>Abschlüsse als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Trade</source>
        <translation>&amp;Handel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;buy order</source>
        <translation>Neue &amp;Kauforder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New &amp;sell order</source>
        <translation>Neue &amp;Verkaufsorder</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Review order…</source>
        <translation>Order &amp;prüfen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter market watch</source>
        <translation>Marktübersicht &amp;filtern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Go to book…</source>
        <translation>&amp;Gehe zu Orderbuch…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Side-by-side book</source>
        <translation>Orderbuch &amp;nebeneinander</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Reset layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About BWX Terminal</source>
        <translation>&amp;Über BWX Terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About BWX Terminal</source>
        <translation>Über BWX Terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;BWX Terminal %1&lt;/b&gt;&lt;p&gt;Trades IP transit on the BWX exchange.&lt;/p&gt;&lt;p&gt;Prices are per Mbps per month; totals are price × Mbps × months of delivery, in exact micro-units.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MarketWatchModel</name>
    <message numerus="yes">
        <location filename="../models/marketwatchmodel.cpp" line="+141"/>
        <source>%n buy order(s), %1 in total</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No buy orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n sell order(s), %1 in total</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sell orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Crossed: the best bid and ask cannot trade with each other (delivery period, traffic type or quality limits differ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best ask minus best bid, per Mbps per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last trade %1 UTC at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No trade yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Per Mbps per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity of all buy orders in the prefix&apos;s book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity of all sell orders that can serve the prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bid</source>
        <translation>Geld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bid depth</source>
        <translation>Geld-Tiefe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask depth</source>
        <translation>Brief-Tiefe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spread</source>
        <translation>Spanne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last</source>
        <translation>Letzter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last trade (UTC)</source>
        <translation>Letzter Abschluss (UTC)</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MarketWatchView</name>
    <message>
        <location filename="../views/marketwatchview.cpp" line="+28"/>
        <source>Filter prefixes (Ctrl+F)</source>
        <translation>Präfixe filtern (Strg+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter the market watch by prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Market watch</source>
        <translation>Marktübersicht</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MyOrdersModel</name>
    <message>
        <location filename="../models/myordersmodel.cpp" line="+49"/>
        <source>%1 %2, per Mbps per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In blocks of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mbps</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filled</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remaining</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery (UTC)</source>
        <translation>Lieferung (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated (UTC)</source>
        <translation>Aktualisiert (UTC)</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MyOrdersView</name>
    <message>
        <location filename="../views/myordersview.cpp" line="+49"/>
        <source>My orders</source>
        <translation>Meine Orders</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Cancel order</source>
        <translation>Order &amp;stornieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the selected orders (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Amend…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the selected order&apos;s price or capacity (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel a&amp;ll…</source>
        <translation>&amp;Alle stornieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel every open order, after a confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show &amp;finished</source>
        <translation>&amp;Erledigte zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list filled, cancelled, expired and rejected orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Cancel all orders</source>
        <translation>Alle Orders stornieren</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Cancel all %n open order(s)?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orders already matched keep their trades.</source>
        <translation>Bereits ausgeführte Teile bleiben bestehen.</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::OrderBookModel</name>
    <message>
        <location filename="../models/orderbookmodel.cpp" line="+131"/>
        <source>Capacity offered at this price or cheaper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity bid at this price or higher</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 at %2: %n order(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>#%1  %2  %3 at %4, blocks of %5, %6, %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>, %1 ms, loss %2 ppm, %3 AS hops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, quality not measured yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The prefixes of the level&apos;s orders: sells on covering prefixes can serve this one, buys on more specific prefixes can be served by it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mbps</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cumulative</source>
        <translation>Kumuliert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From prefixes</source>
        <translation>Aus Präfixen</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::OrderBookView</name>
    <message>
        <location filename="../views/orderbookview.cpp" line="+29"/>
        <source>Prefix, e.g. 203.0.113.0/24 (Ctrl+G)</source>
        <translation>Präfix, z. B. 203.0.113.0/24 (Strg+G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price grouping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group prices into steps: bids round down, asks round up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exact prices</source>
        <translation>Exakte Preise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Group by %1</source>
        <translation>Gruppiert nach %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show bids and asks next to each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side-by-side ladder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Bids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Click a level to prefill order entry: buy at an ask, sell at a bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cannot open the book: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No book open: select a prefix in the market watch or type one</source>
        <translation>Kein Orderbuch offen: Präfix in der Marktübersicht wählen oder eingeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: waiting for the book snapshot…</source>
        <translation>%1: warte auf das Orderbuch…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: %n order(s) that can trade on it, update %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bwx::terminal::OrderEntryWidget</name>
    <message>
        <location filename="../views/orderentrywidget.cpp" line="+72"/>
        <source>&amp;Buy</source>
        <translation>&amp;Kaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sell</source>
        <translation>&amp;Verkaufen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Buy side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sell side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>203.0.113.0/24, AS64500 or customer</source>
        <translation>203.0.113.0/24, AS64500 oder customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per Mbps per month, e.g. 0.45</source>
        <translation>pro Mbit/s und Monat, z. B. 0.45</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price per Mbps per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mbps, e.g. 100, 10G, 512k</source>
        <translation>Mbit/s, z. B. 100, 10G, 512k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty: the whole capacity</source>
        <translation>leer: die ganze Kapazität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Good till cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good till the expiry date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Immediate or cancel: fill what is possible now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill or kill: all now or nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiry (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery start (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery end (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Traffic type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Maximum latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source> ppm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maximum packet loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source> AS hops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maximum AS-path length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ranking of sell orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buyer&apos;s quality limits</source>
        <translation>Qualitätsgrenzen des Käufers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency:</source>
        <translation>Latenz:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss:</source>
        <translation>Verlust:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance:</source>
        <translation>Distanz:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefer:</source>
        <translation>Bevorzugt:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order entry message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review order…</source>
        <translation>Order prüfen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the order and show what it costs before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Side:</source>
        <translation>Seite:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Destination:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ype:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Price:</source>
        <translation>&amp;Preis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Capacity:</source>
        <translation>&amp;Kapazität:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Min. block:</source>
        <translation>&amp;Mindestblock:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time in &amp;force:</source>
        <translation>&amp;Gültigkeit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xpiry:</source>
        <translation>&amp;Ablauf:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery &amp;start:</source>
        <translation>Lieferungs&amp;beginn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery &amp;end:</source>
        <translation>Lieferungs&amp;ende:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Traffic:</source>
        <translation>&amp;Verkehr:</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Review buy order…</source>
        <translation>Kauforder prüfen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review sell order…</source>
        <translation>Verkaufsorder prüfen…</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Rejected by the exchange: %1</source>
        <translation>Von der Börse abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ScreenshotController</name>
    <message>
        <location filename="../app/screenshotcontroller.cpp" line="+32"/>
        <source>screenshot: gave up after %1 s: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>market watch not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>book %1 not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no book chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>orders not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>trades not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>screenshot: cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>screenshot: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ShortcutsDialog</name>
    <message>
        <location filename="../views/shortcutsdialog.cpp" line="+16"/>
        <location line="+28"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Kürzel</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::TerminalSession</name>
    <message>
        <location filename="../app/terminalsession.cpp" line="+112"/>
        <source>Not connected: the order was not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bwx::terminal::TradesModel</name>
    <message>
        <location filename="../models/tradesmodel.cpp" line="+44"/>
        <source>member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Served by the sell order on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price × Mbps × months of the delivery period (30-day months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buy order %1, sell order %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trade</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counterparty</source>
        <translation>Gegenpartei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mbps</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery (UTC)</source>
        <translation>Lieferung (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::TradesView</name>
    <message>
        <location filename="../views/tradesview.cpp" line="+32"/>
        <source>Filter trades (prefix, counterparty, id…)</source>
        <translation>Abschlüsse filtern (Präfix, Gegenpartei, ID…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter the trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the listed trades as CSV (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trades</source>
        <translation>Abschlüsse</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Export trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
