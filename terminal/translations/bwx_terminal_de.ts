<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/commandline.cpp" line="+43"/>
        <source>BWX trading terminal: trade IP transit on the BWX exchange.</source>
        <translation>BWX-Handelsterminal: IP-Transit an der BWX-Börse handeln.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exchange address, e.g. exchange.example.net:7400.</source>
        <translation>Adresse der Börse, z. B. exchange.example.net:7400.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Directory with member.crt, member.key and ca.crt (what bwxctl cert issue --out writes).</source>
        <translation>Verzeichnis mit member.crt, member.key und ca.crt (was bwxctl cert issue --out schreibt).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dir</source>
        <translation>verzeichnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Member client certificate (PEM).</source>
        <translation>Client-Zertifikat des Mitglieds (PEM).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+11"/>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Private key of the certificate (PEM).</source>
        <translation>Privater Schlüssel des Zertifikats (PEM).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The exchange&apos;s CA certificate (PEM).</source>
        <translation>CA-Zertifikat der Börse (PEM).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name the server certificate must carry, when it differs from the host.</source>
        <translation>Name, den das Serverzertifikat tragen muss, wenn er vom Host abweicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect, wait for the market watch and the book, write the main window as PNG to &lt;file&gt; and exit.</source>
        <translation>Verbinden, auf Marktübersicht und Orderbuch warten, das Hauptfenster als PNG nach &lt;datei&gt; schreiben und beenden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give up on --screenshot after this many seconds (default 30).</source>
        <translation>--screenshot nach so vielen Sekunden aufgeben (Standard 30).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>sekunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Window size for --screenshot (default 1600x1000).</source>
        <translation>Fenstergröße für --screenshot (Standard 1600x1000).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the order book of this prefix.</source>
        <translation>Das Orderbuch dieses Präfixes öffnen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefix</source>
        <translation>präfix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour theme: dark or light.</source>
        <translation>Farbschema: dark oder light.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>theme</source>
        <translation>schema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without a window: evaluate the access manager&apos;s rules once, act on them (unless --dry-run), print what was decided and exit.</source>
        <translation>Ohne Fenster: die Regeln des Zugangsmanagers einmal auswerten, danach handeln (außer mit --dry-run), die Entscheidungen ausgeben und beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rules</source>
        <translation>regeln</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --access-manager: decide and explain, send nothing.</source>
        <translation>Mit --access-manager: entscheiden und begründen, nichts senden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --access-manager: print the decisions as JSON.</source>
        <translation>Mit --access-manager: die Entscheidungen als JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unexpected argument &apos;%1&apos;</source>
        <translation>Unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--server: %1</source>
        <translation>--server: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--profile: %1 does not exist</source>
        <translation>--profile: %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--book: %1</source>
        <translation>--book: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--style: &apos;%1&apos; is neither dark nor light</source>
        <translation>--style: &apos;%1&apos; ist weder dark noch light</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--%1 needs --access-manager RULES</source>
        <translation>--%1 erfordert --access-manager REGELN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--access-manager and --screenshot cannot be combined</source>
        <translation>--access-manager und --screenshot können nicht kombiniert werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--screenshot-timeout: &apos;%1&apos; is not a number of seconds from 1 to 3600</source>
        <translation>--screenshot-timeout: &apos;%1&apos; ist keine Sekundenzahl von 1 bis 3600</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--size: &apos;%1&apos; is not WIDTHxHEIGHT between 640x400 and 8000x8000</source>
        <translation>--size: &apos;%1&apos; ist nicht BREITExHÖHE zwischen 640x400 und 8000x8000</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <location filename="../client/connectionprofile.cpp" line="+17"/>
        <source>Server address &apos;%1&apos; has no port (expected host:port)</source>
        <translation>Serveradresse &apos;%1&apos; hat keinen Port (erwartet: host:port)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Port &apos;%1&apos; is not a number from 1 to 65535</source>
        <translation>Port &apos;%1&apos; ist keine Zahl von 1 bis 65535</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address has no host name</source>
        <translation>Serveradresse hat keinen Hostnamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the server address as host:port</source>
        <translation>Serveradresse als host:port eingeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server address &apos;%1&apos; opens &apos;[&apos; without closing it</source>
        <translation>Serveradresse &apos;%1&apos; öffnet &apos;[&apos; ohne es zu schließen</translation>
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
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message numerus="yes">
        <location filename="../models/format.cpp" line="+72"/>
        <source>%n d</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
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
        <translation>GTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GTD</source>
        <translation>GTD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IOC</source>
        <translation>IOC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FOK</source>
        <translation>FOK</translation>
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
        <location filename="../trading/orderform.cpp" line="+55"/>
        <source>Enter a destination: a prefix such as 203.0.113.0/24, an origin AS such as AS64500, or customer, peer or transit</source>
        <translation>Ziel eingeben: ein Präfix wie 203.0.113.0/24, ein Ursprungs-AS wie AS64500, oder customer, peer oder transit</translation>
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
        <translation>Der Mindestblock muss größer als 0 Mbit/s sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Minimum block %1 is larger than the capacity %2</source>
        <translation>Mindestblock %1 ist größer als die Kapazität %2</translation>
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
        <translation>Eine Market-Order liegt nie im Orderbuch: IOC oder FOK wählen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A GTD order needs an expiry time</source>
        <translation>Eine GTD-Order braucht eine Ablaufzeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiry %1 UTC is not in the future</source>
        <translation>Ablauf %1 UTC liegt nicht in der Zukunft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the start of delivery</source>
        <translation>Lieferungsbeginn eingeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the end of delivery</source>
        <translation>Lieferungsende eingeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delivery end %1 is not after delivery start %2</source>
        <translation>Lieferungsende %1 liegt nicht nach Lieferungsbeginn %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A sell order must name the traffic type it carries</source>
        <translation>Eine Verkaufsorder muss die Verkehrsart nennen, die sie trägt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quality limits and ranking are the buyer&apos;s choice; a sell order cannot carry them</source>
        <translation>Qualitätsgrenzen und Rangfolge wählt der Käufer; eine Verkaufsorder kann sie nicht tragen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weighted ranking needs at least one weight above 0 (price, latency, loss or distance)</source>
        <translation>Gewichtete Rangfolge braucht mindestens ein Gewicht über 0 (Preis, Latenz, Verlust oder Distanz)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The total cost of this order is too large</source>
        <translation>Die Gesamtkosten dieser Order sind zu hoch</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../access/views/accessmanagerui.cpp" line="+36"/>
        <source>Access manager</source>
        <translation>Zugangsmanager</translation>
    </message>
    <message>
        <location filename="../access/views/structuredruleseditor.cpp" line="+62"/>
        <source>(inherited)</source>
        <translation>(geerbt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+89"/>
        <source>price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>performance</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weighted</source>
        <translation>gewichtet</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From (UTC)</source>
        <translation>Von (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>Bis (UTC)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>own</source>
        <translation>eigene</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distance</source>
        <translation>Distanz</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weight of %1</source>
        <translation>Gewicht von %1</translation>
    </message>
</context>
<context>
    <name>QualityFormat</name>
    <message>
        <location filename="../models/qualityformat.cpp" line="+49"/>
        <source>%1 (stale)</source>
        <translation>%1 (veraltet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+34"/>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>%1.%2 ms</source>
        <translation>%1,%2 ms</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ppm</source>
        <translation>%1 ppm</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 AS hop</source>
        <translation>1 AS-Hop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 AS hops</source>
        <translation>%1 AS-Hops</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stale (too old for matching)</source>
        <translation>veraltet (zu alt für das Matching)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured yet</source>
        <translation>noch nicht gemessen</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+5"/>
        <location line="+6"/>
        <source>at most %1</source>
        <translation>höchstens %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>price %1, latency %2, loss %3, distance %4</source>
        <translation>Preis %1, Latenz %2, Verlust %3, Distanz %4</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>transit</source>
        <translation>Transit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Idle</source>
        <translation>Idle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpenSent</source>
        <translation>OpenSent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpenConfirm</source>
        <translation>OpenConfirm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Established</source>
        <translation>Established</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1d %2</source>
        <translation>%1 T %2</translation>
    </message>
</context>
<context>
    <name>ScreenshotController</name>
    <message>
        <location filename="../app/screenshotcontroller.cpp" line="+24"/>
        <source>the window rendered empty</source>
        <translation>das Fenster wurde leer gezeichnet</translation>
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
        <translation>Rechtsklick wählt die Spalten; Ziehen ordnet sie um</translation>
    </message>
</context>
<context>
    <name>TlsCredentials</name>
    <message>
        <location filename="../client/tlscredentials.cpp" line="+17"/>
        <source>No %1 file given</source>
        <translation>Keine %1-Datei angegeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the %1 file %2: %3</source>
        <translation>Die %1-Datei %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The %1 file %2 holds no PEM certificate</source>
        <translation>Die %1-Datei %2 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 holds no unencrypted PEM private key (RSA, EC or DSA)</source>
        <translation>Die Schlüsseldatei %1 enthält keinen unverschlüsselten privaten PEM-Schlüssel (RSA, EC oder DSA)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate in %1 expired on %2</source>
        <translation>Das Zertifikat in %1 ist am %2 abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA</source>
        <translation>CA</translation>
    </message>
</context>
<context>
    <name>UsageSeriesModel</name>
    <message>
        <location filename="../settlement/usageseriesmodel.cpp" line="+20"/>
        <source>within the committed capacity</source>
        <translation>innerhalb der zugesagten Kapazität</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>over the committed capacity</source>
        <translation>über der zugesagten Kapazität</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>well under the committed capacity</source>
        <translation>deutlich unter der zugesagten Kapazität</translation>
    </message>
</context>
<context>
    <name>bwx::access::AccessManager</name>
    <message>
        <location filename="../access/live/accessmanager.cpp" line="+514"/>
        <source>nothing is sent without an audit log (%1)</source>
        <translation>ohne Prüfprotokoll wird nichts gesendet (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none is open</source>
        <translation>keines ist geöffnet</translation>
    </message>
</context>
<context>
    <name>bwx::access::AccessManagerPanel</name>
    <message>
        <location filename="../access/views/accessmanagerpanel.cpp" line="+58"/>
        <source>&amp;Automatic</source>
        <translation>&amp;Automatisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ry run</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &amp;now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <location line="+58"/>
        <source>Kill switch</source>
        <translation>Not-Aus</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>R&amp;ules…</source>
        <translation>&amp;Regeln…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluate the rules every cycle and act on them</source>
        <translation>Die Regeln in jedem Zyklus auswerten und danach handeln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide and explain, but send nothing</source>
        <translation>Entscheiden und begründen, aber nichts senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop every automated action at once (Ctrl+Shift+K)</source>
        <translation>Alle automatischen Aktionen sofort anhalten (Strg+Umschalt+K)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Stopped: release kill switch</source>
        <translation>Angehalten: Not-Aus lösen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No rules loaded</source>
        <translation>Keine Regeln geladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules: %1</source>
        <translation>Regeln: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>STOPPED by the kill switch</source>
        <translation>DURCH NOT-AUS ANGEHALTEN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>evaluating…</source>
        <translation>Auswertung läuft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last cycle %1 UTC</source>
        <translation>letzter Zyklus %1 UTC</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>, dry run</source>
        <translation>, Probelauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;p&gt;Blocked by: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Blockiert durch: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p&gt;Needs %1; covered %2</source>
        <translation>&lt;p&gt;Bedarf %1; gedeckt %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; pending in open buy orders %1</source>
        <translation>; ausstehend in offenen Kaufaufträgen %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; missing %1 from %2 to %3; asks for %4%5</source>
        <translation>; fehlt %1 von %2 bis %3; fordert %4%5 an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (renewal)</source>
        <translation> (Verlängerung)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;p&gt;&lt;b&gt;Ranking differs:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Rangfolge weicht ab:&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;p&gt;Sent: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Gesendet: %1&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>bwx::access::AccessManagerUi</name>
    <message>
        <location filename="../access/views/accessmanagerui.cpp" line="+13"/>
        <location line="+18"/>
        <source>Access manager: %1</source>
        <translation>Zugangsmanager: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Access manager: rules refused, the previous ones stay: %1</source>
        <translation>Zugangsmanager: Regeln abgelehnt, die bisherigen bleiben: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A&amp;utomation</source>
        <translation>A&amp;utomatik</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access &amp;manager</source>
        <translation>Zugangs&amp;manager</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit rules…</source>
        <translation>Regeln &amp;bearbeiten…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Automatic</source>
        <translation>&amp;Automatisch</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Dry run</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kill switch: stop all automation</source>
        <translation>&amp;Not-Aus: alle Automatik anhalten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export audit log as &amp;CSV…</source>
        <translation>Prüfprotokoll als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export audit log as &amp;JSON…</source>
        <translation>Prüfprotokoll als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export audit log as CSV</source>
        <translation>Prüfprotokoll als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export audit log as JSON</source>
        <translation>Prüfprotokoll als JSON exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Audit log exported to %1</source>
        <translation>Prüfprotokoll exportiert nach %1</translation>
    </message>
</context>
<context>
    <name>bwx::access::CandidatesModel</name>
    <message>
        <location filename="../access/views/candidatesmodel.cpp" line="+57"/>
        <source>won</source>
        <translation>gewonnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not eligible</source>
        <translation>nicht zulässig</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>
The exchange: %1 %2</source>
        <translation>
Die Börse: %1 %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sell order</source>
        <translation>Verkaufsorder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AS path</source>
        <translation>AS-Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exchange rank</source>
        <translation>Rang (Börse)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local rank</source>
        <translation>Rang (lokal)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local score</source>
        <translation>Bewertung (lokal)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes</source>
        <translation>Nimmt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
</context>
<context>
    <name>bwx::access::DecisionsModel</name>
    <message>
        <location filename="../access/views/decisionsmodel.cpp" line="+62"/>
        <source>Covered</source>
        <translation>Gedeckt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take</source>
        <translation>Nehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buy order</source>
        <translation>Kauforder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>take %1, %2</source>
        <translation>nehmen %1, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>buy order, %1 at up to %2</source>
        <translation>Kauforder, %1 zu höchstens %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+17"/>
        <source>: not sent (%1)</source>
        <translation>: nicht gesendet (%1)</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>: order %1 %2, filled %3</source>
        <translation>: Order %1 %2, ausgeführt %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>: refused (%1: %2)</source>
        <translation>: abgelehnt (%1: %2)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>: not sent (dry run)</source>
        <translation>: nicht gesendet (Probelauf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cancel trade %1</source>
        <translation>Handel %1 stornieren</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Need</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent / answer</source>
        <translation>Gesendet / Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
</context>
<context>
    <name>bwx::access::RulesEditorDialog</name>
    <message>
        <location filename="../access/views/ruleseditordialog.cpp" line="+47"/>
        <source>Access manager rules</source>
        <translation>Regeln des Zugangsmanagers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rules file text</source>
        <translation>Text der Regeldatei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Structured</source>
        <translation>&amp;Strukturiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and &amp;apply</source>
        <translation>Speichern und &amp;anwenden</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+17"/>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Problems (double-click one to go to its line):</source>
        <translation>Probleme (Doppelklick springt zur Zeile):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No rules file yet: Save asks where to write it</source>
        <translation>Noch keine Regeldatei: Speichern fragt, wohin sie geschrieben wird</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>rules</source>
        <translation>regeln</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No problems.</source>
        <translation>Keine Probleme.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save rules as</source>
        <translation>Regeln speichern unter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules (*.toml)</source>
        <translation>Regeln (*.toml)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved to %1 and in force.</source>
        <translation>Nach %1 gespeichert und in Kraft.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open rules</source>
        <translation>Regeln öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules (*.toml);;All files (*)</source>
        <translation>Regeln (*.toml);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bwx::access::StructuredRulesEditor</name>
    <message>
        <location filename="../access/views/structuredruleseditor.cpp" line="+46"/>
        <source>Add &amp;group</source>
        <translation>&amp;Gruppe hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add n&amp;eed</source>
        <translation>&amp;Bedarf hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max. capacity (Mbps)</source>
        <translation>Max. Kapazität (Mbit/s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>no cap</source>
        <translation>keine Obergrenze</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the terminal&apos;s default</source>
        <translation>Standard des Terminals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selection &amp;mode</source>
        <translation>Auswahl&amp;modus</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <location line="+71"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Evaluate every</source>
        <translation>Auswerten alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. candidate list age</source>
        <translation>Max. Alter der Kandidatenliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. quality matrix age</source>
        <translation>Max. Alter der Qualitätsmatrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. silence of the exchange</source>
        <translation>Max. Funkstille der Börse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kill switch file</source>
        <translation>Not-Aus-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend per month (cap)</source>
        <translation>Ausgaben pro Monat (Obergrenze)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mbps per destination (cap)</source>
        <translation>Mbit/s pro Ziel (Obergrenze)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caps per destination</source>
        <translation>Obergrenzen pro Ziel</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <source>Time windows</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>switched on</source>
        <translation>eingeschaltet</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+59"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <source>Selection mode</source>
        <translation>Auswahlmodus</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>fixed: start and end</source>
        <translation>fest: Beginn und Ende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rolling</source>
        <translation>rollierend</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>buy order</source>
        <translation>Kauforder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none: wait</source>
        <translation>keine: warten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mbps, or 10G, 512k</source>
        <translation>Mbit/s, oder 10G, 512k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 Mbps</source>
        <translation>1 Mbit/s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no renewal</source>
        <translation>keine Verlängerung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no limit (e.g. 40ms)</source>
        <translation>keine Grenze (z. B. 40ms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no limit (e.g. 0.5%)</source>
        <translation>keine Grenze (z. B. 0.5%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never (e.g. 15m)</source>
        <translation>nie (z. B. 15m)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1h</source>
        <translation>1h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Destination</source>
        <translation>&amp;Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Capacity</source>
        <translation>&amp;Kapazität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min. block</source>
        <translation>Mindestblock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start (UTC)</source>
        <translation>Beginn (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End (UTC)</source>
        <translation>Ende (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolling length</source>
        <translation>Rollierende Länge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renew before</source>
        <translation>Verlängern vor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. &amp;price</source>
        <translation>Max. &amp;Preis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. latency</source>
        <translation>Max. Latenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. loss</source>
        <translation>Max. Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max. AS-path length</source>
        <translation>Max. AS-Pfad-Länge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace after</source>
        <translation>Ersetzen nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When nothing fits</source>
        <translation>Wenn nichts passt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buy order rests for</source>
        <translation>Kauforder ruht für</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Settings, caps and windows</source>
        <translation>Einstellungen, Obergrenzen und Zeitfenster</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Group %1%2</source>
        <translation>Gruppe %1%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (off)</source>
        <translation> (aus)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <location line="+196"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>evaluate every</source>
        <translation>auswerten alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max. candidate list age</source>
        <translation>max. Alter der Kandidatenliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max. quality matrix age</source>
        <translation>max. Alter der Qualitätsmatrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max. silence</source>
        <translation>max. Funkstille</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>spend per month</source>
        <translation>Ausgaben pro Monat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mbps per destination</source>
        <translation>Mbit/s pro Ziel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cap %1</source>
        <translation>Obergrenze %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Group &apos;%1&apos;</source>
        <translation>Gruppe &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Need &apos;%1&apos;</source>
        <translation>Bedarf &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>min. block</source>
        <translation>Mindestblock</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rolling length</source>
        <translation>rollierende Länge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>end</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>renew before</source>
        <translation>verlängern vor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replace after</source>
        <translation>ersetzen nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>buy order rests for</source>
        <translation>Kauforder ruht für</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>max. price</source>
        <translation>max. Preis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>max. latency</source>
        <translation>max. Latenz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>max. loss</source>
        <translation>max. Verlust</translation>
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
        <translation>%1 %2 nach %3 zu %4, %5 ausgeführt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New price per Mbps per month</source>
        <translation>Neuer Preis pro Mbit/s und Monat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New capacity</source>
        <translation>Neue Kapazität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowering only the capacity keeps the order&apos;s time priority</source>
        <translation>Wird nur die Kapazität gesenkt, behält die Order ihre Zeitpriorität</translation>
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
        <translation>Die Kapazität muss größer sein als die bereits ausgeführten %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capacity %1 is not a whole number of %2 minimum blocks</source>
        <translation>Kapazität %1 ist kein Vielfaches des Mindestblocks %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change the price or the capacity</source>
        <translation>Preis oder Kapazität ändern</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::CandidatesDialog</name>
    <message>
        <location filename="../candidates/candidatesdialog.cpp" line="+33"/>
        <source>Sell orders for this buy</source>
        <translation>Verkaufsorders für diesen Kauf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Buy %1 toward %2, %3, ranked by %4</source>
        <translation>Kauf %1 nach %2, %3, Rangfolge nach %4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Limits: latency %1, loss %2, AS path %3; price %4</source>
        <translation>Grenzen: Latenz %1, Verlust %2, AS-Pfad %3; Preis %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>any (market)</source>
        <translation>beliebig (Market)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at most %1</source>
        <translation>höchstens %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Candidate sell orders</source>
        <translation>Kandidaten-Verkaufsorders</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Take…</source>
        <translation>&amp;Nehmen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Buy from the selected sell order (asks for confirmation)</source>
        <translation>Von der ausgewählten Verkaufsorder kaufen (mit Rückfrage)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Not connected: cannot ask the exchange for candidates</source>
        <translation>Nicht verbunden: die Börse kann nicht nach Kandidaten gefragt werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asking the exchange for the sell orders that could serve this buy…</source>
        <translation>Frage die Börse nach den Verkaufsorders, die diesen Kauf bedienen könnten…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Not connected: the take was not sent</source>
        <translation>Nicht verbunden: das Nehmen wurde nicht gesendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Taking sell order #%1…</source>
        <translation>Nehme Verkaufsorder #%1…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No sell order to list: none covers the destination, or the buy is not valid (Review order… says why)</source>
        <translation>Keine Verkaufsorder aufzulisten: keine deckt das Ziel ab, oder der Kauf ist ungültig (Order prüfen… sagt warum)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %n sell order(s) can serve this buy</source>
        <translation>
            <numerusform>%1 von %n Verkaufsorder kann diesen Kauf bedienen</numerusform>
            <numerusform>%1 von %n Verkaufsorders können diesen Kauf bedienen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing bought: %1</source>
        <translation>Nichts gekauft: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bought %1 (buy order #%2, %3)</source>
        <translation>Gekauft: %1 (Kauforder #%2, %3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The exchange refused the query: %1</source>
        <translation>Die Börse hat die Abfrage abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The exchange refused the take: %1</source>
        <translation>Die Börse hat das Nehmen abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::CandidatesModel</name>
    <message>
        <location filename="../candidates/candidatesmodel.cpp" line="+82"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>eligible</source>
        <translation>zulässig</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The order in which the matcher would take the eligible sells for this buy</source>
        <translation>Die Reihenfolge, in der das Matching die zulässigen Verkäufe für diesen Kauf nehmen würde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The seller&apos;s measured quality toward the buy&apos;s destination</source>
        <translation>Die gemessene Qualität des Verkäufers zum Ziel des Kaufs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AS-path length of the seller&apos;s route</source>
        <translation>AS-Pfad-Länge der Route des Verkäufers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why a sell order cannot serve this buy</source>
        <translation>Warum eine Verkaufsorder diesen Kauf nicht bedienen kann</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Min. block</source>
        <translation>Mindestblock</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distance</source>
        <translation>Distanz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery (UTC)</source>
        <translation>Lieferung (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Eligibility</source>
        <translation>Zulässigkeit</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::CandidatesUi</name>
    <message>
        <location filename="../candidates/candidatesui.cpp" line="+20"/>
        <source>Show &amp;candidates for the buy…</source>
        <translation>&amp;Kandidaten für den Kauf zeigen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sell orders that could serve the buy in order entry</source>
        <translation>Die Verkaufsorders, die den Kauf in der Ordereingabe bedienen könnten</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ConfirmOrderDialog</name>
    <message>
        <location filename="../views/confirmorderdialog.cpp" line="+22"/>
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
        <source>Latency limit:</source>
        <translation>Latenzgrenze:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss limit:</source>
        <translation>Verlustgrenze:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AS-path limit:</source>
        <translation>AS-Pfad-Grenze:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ranking:</source>
        <translation>Rangfolge:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <translation>Preis × Mbit/s × Monate der Lieferperiode (Monate zu 30 Tagen)</translation>
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
    <name>bwx::terminal::ConfirmTakeDialog</name>
    <message>
        <location filename="../candidates/confirmtakedialog.cpp" line="+23"/>
        <source>Confirm take</source>
        <translation>Nehmen bestätigen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Buy up to %1 toward %2 from sell order #%3</source>
        <translation>Bis zu %1 nach %2 aus Verkaufsorder #%3 kaufen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Offer:</source>
        <translation>Angebot:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1 on %2, rank %3</source>
        <translation>#%1 auf %2, Rang %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price per Mbps per month:</source>
        <translation>Preis pro Mbit/s und Monat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity:</source>
        <translation>Kapazität:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 asked, %2 offered in blocks of %3</source>
        <translation>%1 angefragt, %2 angeboten in Blöcken von %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quality:</source>
        <translation>Qualität:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>latency %1, loss %2</source>
        <translation>Latenz %1, Verlust %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AS-path length:</source>
        <translation>AS-Pfad-Länge:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no route known</source>
        <translation>keine Route bekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery (UTC):</source>
        <translation>Lieferung (UTC):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order type:</source>
        <translation>Ordertyp:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Total at most:</source>
        <translation>Gesamt höchstens:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cannot be computed</source>
        <translation>nicht berechenbar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Take</source>
        <translation>&amp;Nehmen</translation>
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
        <translation>Die Börse gibt jedem Mitglied ein Client-Zertifikat mit privatem Schlüssel und das CA-Zertifikat, das das Serverzertifikat signiert hat.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>host:port, e.g. exchange.example.net:7400</source>
        <translation>host:port, z. B. exchange.example.net:7400</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate file</source>
        <translation>Client-Zertifikatsdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Private key file</source>
        <translation>Datei des privaten Schlüssels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;A:</source>
        <translation>C&amp;A:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exchange CA certificate file</source>
        <translation>CA-Zertifikatsdatei der Börse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From a profile &amp;directory…</source>
        <translation>Aus einem Profil&amp;verzeichnis…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill in member.crt, member.key and ca.crt from the directory `bwxctl cert issue --out` wrote</source>
        <translation>member.crt, member.key und ca.crt aus dem Verzeichnis übernehmen, das `bwxctl cert issue --out` geschrieben hat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member profile directory</source>
        <translation>Profilverzeichnis des Mitglieds</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>optional: the name in the server&apos;s certificate</source>
        <translation>optional: der Name im Serverzertifikat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server certificate name</source>
        <translation>Name im Serverzertifikat</translation>
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
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose %1</source>
        <translation>%1 wählen</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ConnectionStatusWidget</name>
    <message>
        <location filename="../views/connectionstatuswidget.cpp" line="+42"/>
        <source>Connection state</source>
        <translation>Verbindungszustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange time</source>
        <translation>Börsenzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The exchange&apos;s clock (UTC)</source>
        <translation>Die Uhr der Börse (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Market data age</source>
        <translation>Alter der Marktdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
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
        <translation>Zeit seit der letzten Marktdaten-Nachricht. Nach %1 s wird sie orange: angezeigte Preise können veraltet sein (oder der Markt ist ruhig).</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ExchangeClient</name>
    <message>
        <location filename="../client/exchangeclient.cpp" line="+50"/>
        <source>The server did not complete the login within %1 s</source>
        <translation>Der Server hat die Anmeldung nicht innerhalb von %1 s abgeschlossen</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>The server closed the connection</source>
        <translation>Der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Could not decode a message from the server: %1</source>
        <translation>Eine Nachricht des Servers konnte nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server sent a broken frame (%1)</source>
        <translation>Der Server hat einen fehlerhaften Frame gesendet (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No answer from the server for %1 s</source>
        <translation>Keine Antwort vom Server seit %1 s</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>The server ended the session: %1</source>
        <translation>Der Server hat die Sitzung beendet: %1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>market watch</source>
        <translation>Marktübersicht</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MainWindow</name>
    <message>
        <location filename="../app/mainwindow.cpp" line="+58"/>
        <source>BWX Terminal</source>
        <translation>BWX Terminal</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Missed market data for %1: reloading it</source>
        <translation>Marktdaten für %1 verpasst: werden neu geladen</translation>
    </message>
    <message>
        <location line="+56"/>
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
        <location line="+7"/>
        <source>Trade %1 cancelled</source>
        <translation>Handel %1 storniert</translation>
    </message>
    <message>
        <location line="+44"/>
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
        <location line="+7"/>
        <source>Route &amp;quality…</source>
        <translation>Routen&amp;qualität…</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <translation>&lt;b&gt;BWX Terminal %1&lt;/b&gt;&lt;p&gt;Handelt IP-Transit an der BWX-Börse.&lt;/p&gt;&lt;p&gt;Preise gelten pro Mbit/s und Monat; Gesamtbeträge sind Preis × Mbit/s × Liefermonate, in exakten Mikro-Einheiten.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::MarketWatchModel</name>
    <message numerus="yes">
        <location filename="../models/marketwatchmodel.cpp" line="+141"/>
        <source>%n buy order(s), %1 in total</source>
        <translation>
            <numerusform>%n Kauforder, %1 insgesamt</numerusform>
            <numerusform>%n Kauforders, %1 insgesamt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No buy orders</source>
        <translation>Keine Kauforders</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n sell order(s), %1 in total</source>
        <translation>
            <numerusform>%n Verkaufsorder, %1 insgesamt</numerusform>
            <numerusform>%n Verkaufsorders, %1 insgesamt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sell orders</source>
        <translation>Keine Verkaufsorders</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Crossed: the best bid and ask cannot trade with each other (delivery period, traffic type or quality limits differ)</source>
        <translation>Gekreuzt: bestes Geld und bester Brief können nicht miteinander handeln (Lieferperiode, Verkehrsart oder Qualitätsgrenzen unterscheiden sich)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Best ask minus best bid, per Mbps per month</source>
        <translation>Bester Brief minus bestes Geld, pro Mbit/s und Monat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last trade %1 UTC at %2</source>
        <translation>Letzter Abschluss %1 UTC zu %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No trade yet</source>
        <translation>Noch kein Abschluss</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Per Mbps per month</source>
        <translation>Pro Mbit/s und Monat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity of all buy orders in the prefix&apos;s book</source>
        <translation>Kapazität aller Kauforders im Orderbuch des Präfixes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity of all sell orders that can serve the prefix</source>
        <translation>Kapazität aller Verkaufsorders, die das Präfix bedienen können</translation>
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
        <translation>Marktübersicht nach Präfix filtern</translation>
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
        <translation>%1 %2, pro Mbit/s und Monat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In blocks of %1</source>
        <translation>In Blöcken von %1</translation>
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
        <translation>Die ausgewählten Orders stornieren (Entf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Amend…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the selected order&apos;s price or capacity (Ctrl+E)</source>
        <translation>Preis oder Kapazität der ausgewählten Order ändern (Strg+E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel a&amp;ll…</source>
        <translation>&amp;Alle stornieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel every open order, after a confirmation</source>
        <translation>Alle offenen Orders stornieren, nach einer Bestätigung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show &amp;finished</source>
        <translation>&amp;Erledigte zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list filled, cancelled, expired and rejected orders</source>
        <translation>Auch ausgeführte, stornierte, abgelaufene und abgelehnte Orders anzeigen</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Cancel all orders</source>
        <translation>Alle Orders stornieren</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Cancel all %n open order(s)?</source>
        <translation>
            <numerusform>Die %n offene Order stornieren?</numerusform>
            <numerusform>Alle %n offenen Orders stornieren?</numerusform>
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
        <location filename="../models/orderbookmodel.cpp" line="+166"/>
        <source>Capacity offered at this price or cheaper</source>
        <translation>Angebotene Kapazität zu diesem Preis oder günstiger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity bid at this price or higher</source>
        <translation>Nachgefragte Kapazität zu diesem Preis oder höher</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 at %2: %n order(s)</source>
        <translation>
            <numerusform>%1 zu %2: %n Order</numerusform>
            <numerusform>%1 zu %2: %n Orders</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>#%1  %2  %3 at %4, blocks of %5, %6, %7</source>
        <translation>#%1  %2  %3 zu %4, Blöcke von %5, %6, %7</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Capacity of this offer and every better-ranked one</source>
        <translation>Kapazität dieses Angebots und aller besser platzierten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Taken %1 by a buyer ranking by %2</source>
        <translation>Von einem Käufer mit Rangfolge nach %2 %1 genommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first</source>
        <translation>als Erstes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>as number %1</source>
        <translation>als Nummer %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>, %1, loss %2, %3</source>
        <translation>, %1, Verlust %2, %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, stale: %1, loss %2 (too old for matching)</source>
        <translation>, veraltet: %1, Verlust %2 (zu alt für das Matching)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, destination unreachable in the last measurement</source>
        <translation>, Ziel bei der letzten Messung nicht erreichbar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, quality not measured yet</source>
        <translation>, Qualität noch nicht gemessen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The prefixes of the level&apos;s orders: sells on covering prefixes can serve this one, buys on more specific prefixes can be served by it</source>
        <translation>Die Präfixe der Orders dieser Stufe: Verkäufe auf umfassenden Präfixen können dieses bedienen, Käufe auf spezifischeren Präfixen können von ihm bedient werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The seller&apos;s measured quality toward this prefix; — not measured yet, grey italics: stale, too old for the matcher to use</source>
        <translation>Die gemessene Qualität des Verkäufers zu diesem Präfix; — noch nicht gemessen, graue Kursivschrift: veraltet, zu alt für das Matching</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rank</source>
        <translation>Rang</translation>
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
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation>Verlust</translation>
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
        <translation>Präfix des Orderbuchs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price grouping</source>
        <translation>Preisgruppierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group prices into steps: bids round down, asks round up</source>
        <translation>Preise in Stufen gruppieren: Geld wird abgerundet, Brief aufgerundet</translation>
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
        <location line="+7"/>
        <source>Ranking of the asks</source>
        <translation>Rangfolge der Briefseite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order the asks as a buyer with this ranking would meet them: by price, by measured performance, or by the weights of order entry</source>
        <translation>Die Briefseite so ordnen, wie ein Käufer mit dieser Rangfolge sie träfe: nach Preis, nach gemessener Qualität oder nach den Gewichten der Ordereingabe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show bids and asks next to each other</source>
        <translation>Geld und Brief nebeneinander zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side-by-side ladder</source>
        <translation>Preisleiter nebeneinander</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Bids</source>
        <translation>Geld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asks</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Click a level to prefill order entry: buy at an ask, sell at a bid</source>
        <translation>Klick auf eine Stufe füllt die Ordereingabe vor: Kauf zum Brief, Verkauf zum Geld</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cannot open the book: %1</source>
        <translation>Orderbuch kann nicht geöffnet werden: %1</translation>
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
        <translation>
            <numerusform>%1: %n Order, die darauf handeln kann, Aktualisierung %2</numerusform>
            <numerusform>%1: %n Orders, die darauf handeln können, Aktualisierung %2</numerusform>
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
        <translation>Kaufseite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sell side</source>
        <translation>Verkaufsseite</translation>
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
        <translation>Ordertyp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per Mbps per month, e.g. 0.45</source>
        <translation>pro Mbit/s und Monat, z. B. 0.45</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price per Mbps per month</source>
        <translation>Preis pro Mbit/s und Monat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mbps, e.g. 100, 10G, 512k</source>
        <translation>Mbit/s, z. B. 100, 10G, 512k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty: the whole capacity</source>
        <translation>leer: die ganze Kapazität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum block</source>
        <translation>Mindestblock</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Good till cancelled</source>
        <translation>Gültig bis Storno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good till the expiry date</source>
        <translation>Gültig bis zum Ablaufdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Immediate or cancel: fill what is possible now</source>
        <translation>Sofort oder stornieren: jetzt ausführen, was möglich ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill or kill: all now or nothing</source>
        <translation>Alles oder nichts: jetzt vollständig oder gar nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time in force</source>
        <translation>Gültigkeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expiry (UTC)</source>
        <translation>Ablauf (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery start (UTC)</source>
        <translation>Lieferungsbeginn (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery end (UTC)</source>
        <translation>Lieferungsende (UTC)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Traffic type</source>
        <translation>Verkehrsart</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Maximum latency</source>
        <translation>Maximale Latenz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> ppm</source>
        <translation> ppm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maximum packet loss</source>
        <translation>Maximaler Paketverlust</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> AS hops</source>
        <translation> AS-Hops</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maximum AS-path length</source>
        <translation>Maximale AS-Pfad-Länge</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ranking of sell orders</source>
        <translation>Rangfolge der Verkaufsorders</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Price </source>
        <translation>Preis </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight of price</source>
        <translation>Gewicht des Preises</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lat. </source>
        <translation>Lat. </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight of latency</source>
        <translation>Gewicht der Latenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss </source>
        <translation>Verl. </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight of packet loss</source>
        <translation>Gewicht des Paketverlusts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dist. </source>
        <translation>Dist. </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight of AS-path length</source>
        <translation>Gewicht der AS-Pfad-Länge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted ranking: how much price, latency, loss and AS-path length count, each scaled between the best and worst offer</source>
        <translation>Gewichtete Rangfolge: wie stark Preis, Latenz, Verlust und AS-Pfad-Länge zählen, jeweils skaliert zwischen bestem und schlechtestem Angebot</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+1"/>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order entry message</source>
        <translation>Meldung der Ordereingabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review order…</source>
        <translation>Order prüfen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the order and show what it costs before sending</source>
        <translation>Die Order prüfen und ihre Kosten zeigen, bevor sie gesendet wird</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Candidates…</source>
        <translation>Kandidaten…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List the sell orders that could serve this buy, ranked, and take one by hand (F4)</source>
        <translation>Die Verkaufsorders auflisten, die diesen Kauf bedienen könnten, nach Rang, und eine von Hand nehmen (F4)</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+53"/>
        <source>Review buy order…</source>
        <translation>Kauforder prüfen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review sell order…</source>
        <translation>Verkaufsorder prüfen…</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Rejected by the exchange: %1</source>
        <translation>Von der Börse abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Candidates are the sell orders for a buy: switch to Buy</source>
        <translation>Kandidaten sind die Verkaufsorders für einen Kauf: auf Kaufen umschalten</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::RoutesModel</name>
    <message>
        <location filename="../routing/routesmodel.cpp" line="+68"/>
        <source>Valid, and the member&apos;s policy sells this class: sell orders toward it are accepted</source>
        <translation>Gültig, und die Richtlinie des Mitglieds verkauft diese Klasse: Verkaufsorders dorthin werden angenommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected routes cannot be sold</source>
        <translation>Abgelehnte Routen können nicht verkauft werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid, but the member&apos;s policy does not sell %1 routes</source>
        <translation>Gültig, aber die Richtlinie des Mitglieds verkauft keine %1-Routen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Customer, peer or transit, from the large community the route carries or the member&apos;s default</source>
        <translation>Kunde, Peer oder Transit, aus der Large Community der Route oder dem Standard des Mitglieds</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Whether sell orders toward this route are accepted</source>
        <translation>Ob Verkaufsorders zu dieser Route angenommen werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the registry rejected the route</source>
        <translation>Warum die Registry die Route abgelehnt hat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sellable</source>
        <translation>Verkaufbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AS path</source>
        <translation>AS-Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next hop</source>
        <translation>Next Hop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RPKI</source>
        <translation>RPKI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IRR</source>
        <translation>IRR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Router</source>
        <translation>Router</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::RoutingDock</name>
    <message>
        <location filename="../routing/routingdock.cpp" line="+16"/>
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::RoutingView</name>
    <message>
        <location filename="../routing/routingview.cpp" line="+52"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected routes only</source>
        <translation>Nur abgelehnte Routen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>BGP sessions</source>
        <translation>BGP-Sitzungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Announced routes</source>
        <translation>Angekündigte Routen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Not connected: the routing view shows the last answer</source>
        <translation>Nicht verbunden: die Routing-Ansicht zeigt die letzte Antwort</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The exchange refused the query: %1</source>
        <translation>Die Börse hat die Abfrage abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Asking the exchange for your sessions and routes…</source>
        <translation>Frage die Börse nach den eigenen Sitzungen und Routen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This exchange does not run a route server: there are no BGP sessions or routes to show.</source>
        <translation>Diese Börse betreibt keinen Route-Server: Es gibt keine BGP-Sitzungen oder Routen anzuzeigen.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1 of %n BGP session(s) established</source>
        <translation>
            <numerusform>%1 von %n BGP-Sitzung aufgebaut</numerusform>
            <numerusform>%1 von %n BGP-Sitzungen aufgebaut</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n route(s), %1 sellable, %2 rejected</source>
        <translation>
            <numerusform>%n Route, %1 verkaufbar, %2 abgelehnt</numerusform>
            <numerusform>%n Routen, %1 verkaufbar, %2 abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only the first %1 shown</source>
        <translation>nur die ersten %1 angezeigt</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ScreenshotController</name>
    <message>
        <location filename="../app/screenshotcontroller.cpp" line="+32"/>
        <source>screenshot: gave up after %1 s: %2</source>
        <translation>screenshot: nach %1 s aufgegeben: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; last error: %1</source>
        <translation>; letzter Fehler: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>not connected</source>
        <extracomment>Screenshot timeout: the terminal is not connected and not trying to connect.</extracomment>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>still connecting</source>
        <extracomment>Screenshot timeout: the TCP connection or TLS handshake has not completed.</extracomment>
        <translation>Verbindung wird noch aufgebaut</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>still logging in</source>
        <extracomment>Screenshot timeout: connected, but the exchange has not yet accepted the login.</extracomment>
        <translation>Anmeldung läuft noch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting to reconnect</source>
        <extracomment>Screenshot timeout: the connection was lost and the next attempt is scheduled.</extracomment>
        <translation>wartet auf erneuten Verbindungsversuch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>market watch not loaded</source>
        <translation>Marktübersicht nicht geladen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>book %1 not loaded</source>
        <translation>Orderbuch %1 nicht geladen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no book chosen</source>
        <translation>kein Orderbuch gewählt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>orders not loaded</source>
        <translation>Orders nicht geladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>trades not loaded</source>
        <translation>Abschlüsse nicht geladen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>screenshot: cannot write %1: %2</source>
        <translation>screenshot: %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>screenshot: %1</source>
        <translation>screenshot: %1</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::SessionsModel</name>
    <message>
        <location filename="../routing/sessionsmodel.cpp" line="+61"/>
        <source>In %1 since %2 UTC</source>
        <translation>In %1 seit %2 UTC</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>How long the session has been in its state: the uptime when established</source>
        <translation>Wie lange die Sitzung in ihrem Zustand ist: die Uptime, wenn sie aufgebaut ist</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Router</source>
        <translation>Router</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ASN</source>
        <translation>ASN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::ShortcutsDialog</name>
    <message>
        <location filename="../views/shortcutsdialog.cpp" line="+16"/>
        <location line="+29"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="-25"/>
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
        <location filename="../app/terminalsession.cpp" line="+118"/>
        <source>Not connected: the order was not sent</source>
        <translation>Nicht verbunden: die Order wurde nicht gesendet</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::TradesModel</name>
    <message>
        <location filename="../models/tradesmodel.cpp" line="+44"/>
        <source>member %1</source>
        <translation>Mitglied %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Served by the sell order on %1</source>
        <translation>Bedient von der Verkaufsorder auf %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price × Mbps × months of the delivery period (30-day months)</source>
        <translation>Preis × Mbit/s × Monate der Lieferperiode (Monate zu 30 Tagen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buy order %1, sell order %2</source>
        <translation>Kauforder %1, Verkaufsorder %2</translation>
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
        <location filename="../views/tradesview.cpp" line="+36"/>
        <source>Filter trades (prefix, counterparty, id…)</source>
        <translation>Abschlüsse filtern (Präfix, Gegenpartei, ID…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter the trades</source>
        <translation>Abschlüsse filtern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the listed trades as CSV (Ctrl+Shift+E)</source>
        <translation>Die aufgelisteten Abschlüsse als CSV speichern (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trades</source>
        <translation>Abschlüsse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel &amp;trade…</source>
        <translation>Handel s&amp;tornieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End the selected trade early, after a confirmation. A buyer may while the seller cannot deliver it (its routes are gone, or its measured quality breaches the order&apos;s limits).</source>
        <translation>Beendet den ausgewählten Handel vorzeitig, nach einer Bestätigung. Ein Käufer darf das, solange der Verkäufer nicht liefern kann (seine Routen fehlen oder seine gemessene Qualität verletzt die Grenzen des Auftrags).</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Cancel trade</source>
        <translation>Handel stornieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel trade %1?</source>
        <translation>Handel %1 stornieren?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delivery stops now and the trade is billed up to now. Its routes are withdrawn from both routers. This cannot be undone.</source>
        <translation>Die Lieferung endet jetzt und der Handel wird bis jetzt abgerechnet. Seine Routen werden von beiden Routern zurückgezogen. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Trade not cancelled</source>
        <translation>Handel nicht storniert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The exchange did not cancel trade %1.</source>
        <translation>Die Börse hat den Handel %1 nicht storniert.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Export trades</source>
        <translation>Abschlüsse exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::quality</name>
    <message>
        <location filename="../quality/qualitytext.cpp" line="+28"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>fresh</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+8"/>
        <source>probes</source>
        <translation>Proben</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>RIPE Atlas</source>
        <translation>RIPE Atlas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>irtt</source>
        <translation>irtt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV import</source>
        <translation>CSV-Import</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>raw samples</source>
        <translation>Rohwerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day</source>
        <translation>Tag</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::quality::QualityChartView</name>
    <message>
        <location filename="../quality/qualitychartview.cpp" line="+113"/>
        <source>e.g. 198.51.100.0/24</source>
        <translation>z. B. 198.51.100.0/24</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>last hour</source>
        <translation>letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 2 hours</source>
        <translation>letzte 2 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 6 hours</source>
        <translation>letzte 6 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 24 hours</source>
        <translation>letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 7 days</source>
        <translation>letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 30 days</source>
        <translation>letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 365 days</source>
        <translation>letzte 365 Tage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>entered here</source>
        <translation>hier eingegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location line="-1"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;PNG…</source>
        <translation>Als &amp;PNG exportieren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Destination:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interval:</source>
        <translation>Intervall:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Limits from:</source>
        <translation>Grenzen aus:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency ≤</source>
        <translation>Latenz ≤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss ≤</source>
        <translation>Verlust ≤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your limits:</source>
        <translation>Eigene Grenzen:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Latency (p50)</source>
        <translation>Latenz (p50)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Enter a destination prefix and press Show.</source>
        <translation>Ein Zielpräfix eingeben und Anzeigen drücken.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>≤ %1 loss</source>
        <translation>≤ %1 Verlust</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no limits</source>
        <translation>keine Grenzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order %1: %2, %3</source>
        <translation>Order %1: %2, %3</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>last %1 s</source>
        <translation>letzte %1 s</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Destination: %1</source>
        <translation>Ziel: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not connected: the quality of %1 cannot be loaded.</source>
        <translation>Nicht verbunden: die Qualität von %1 kann nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The exchange refused the quality query: %1</source>
        <translation>Die Börse hat die Qualitätsabfrage abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No quality data for %1 in this period.</source>
        <translation>Keine Qualitätsdaten für %1 in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 points (%3 buckets), %4 – %5 UTC.</source>
        <translation>%1: %2 Punkte (%3 Intervalle), %4 – %5 UTC.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Latency p50 toward %1</source>
        <translation>Latenz p50 nach %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss toward %1</source>
        <translation>Verlust nach %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1: no answer</source>
        <translation>%1: keine Antwort</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>your latency limit %1</source>
        <translation>eigene Latenzgrenze %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>your loss limit %1</source>
        <translation>eigene Verlustgrenze %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The chart could not be rendered.</source>
        <translation>Das Diagramm konnte nicht gezeichnet werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chart exported to %1.</source>
        <translation>Diagramm exportiert nach %1.</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::quality::QualityMatrixModel</name>
    <message>
        <location filename="../quality/qualitymatrixmodel.cpp" line="+93"/>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2 (stale)</source>
        <translation>%1 · %2 (veraltet)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 toward %2: %3</source>
        <translation>%1 nach %2: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>latency %1, loss %2, jitter %3</source>
        <translation>Latenz %1, Verlust %2, Jitter %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AS-path length %1</source>
        <translation>AS-Pfad-Länge %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source %1, measured %2 UTC</source>
        <translation>Quelle %1, gemessen %2 UTC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>meets your limits</source>
        <translation>innerhalb der eigenen Grenzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>outside your limits</source>
        <translation>außerhalb der eigenen Grenzen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 has no quality figure toward %2</source>
        <translation>%1 hat keinen Qualitätswert nach %2</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::quality::QualityMatrixView</name>
    <message>
        <location filename="../quality/qualitymatrixview.cpp" line="+27"/>
        <source>prefixes separated by spaces; empty: every destination with open orders</source>
        <translation>Präfixe durch Leerzeichen getrennt; leer: jedes Ziel mit offenen Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Green: fresh and within your limits · orange: outside your limits · grey: stale (old measurements) · red: unreachable (nothing answered) · “not measured”: expected but no data yet · empty: no figure for that seller. Double-click a cell for its chart.</source>
        <translation>Grün: aktuell und innerhalb der eigenen Grenzen · Orange: außerhalb der eigenen Grenzen · Grau: veraltet (alte Messungen) · Rot: nicht erreichbar (nichts hat geantwortet) · „nicht gemessen“: erwartet, aber noch keine Daten · leer: kein Wert für diesen Verkäufer. Doppelklick auf eine Zelle zeigt ihr Diagramm.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Destinations:</source>
        <translation>Ziele:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Press Refresh to load the current figures.</source>
        <translation>Aktualisieren drücken, um die aktuellen Werte zu laden.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not connected: the quality matrix cannot be loaded.</source>
        <translation>Nicht verbunden: die Qualitätsmatrix kann nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading…</source>
        <translation>Lade…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No quality figures for these destinations.</source>
        <translation>Keine Qualitätswerte für diese Ziele.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 sellers × %2 destinations.</source>
        <translation>%1 Verkäufer × %2 Ziele.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The exchange refused the matrix query: %1</source>
        <translation>Die Börse hat die Matrix-Abfrage abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::quality::QualitySeriesModel</name>
    <message>
        <location filename="../quality/qualityseriesmodel.cpp" line="+50"/>
        <source>Seller</source>
        <translation>Verkäufer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency p50</source>
        <translation>Latenz p50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency p95</source>
        <translation>Latenz p95</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::quality::QualityWindow</name>
    <message>
        <location filename="../quality/qualitywindow.cpp" line="+17"/>
        <source>Route quality</source>
        <translation>Routenqualität</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Chart</source>
        <translation>&amp;Diagramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Matrix</source>
        <translation>&amp;Matrix</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::settlement::SettlementRequests</name>
    <message>
        <location filename="../settlement/settlementrequests.cpp" line="+26"/>
        <source>Not connected to the exchange</source>
        <translation>Nicht mit der Börse verbunden</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::settlement::SettlementUi</name>
    <message>
        <location filename="../settlement/settlementui.cpp" line="+20"/>
        <source>&amp;Settlement</source>
        <translation>A&amp;brechnung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Statements and usage…</source>
        <translation>&amp;Abrechnungen und Nutzung…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Statements and usage</source>
        <translation>Abrechnungen und Nutzung</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::settlement::StatementModel</name>
    <message>
        <location filename="../settlement/statementmodel.cpp" line="+40"/>
        <source>Buyer</source>
        <translation>Käufer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seller</source>
        <translation>Verkäufer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>member %1</source>
        <translation>Mitglied %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>95th percentile above the committed capacity: overage is billed</source>
        <translation>95. Perzentil über der zugesagten Kapazität: die Überschreitung wird abgerechnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credits given for this trade (e.g. quality SLA), deducted from the total</source>
        <translation>Gutschriften für diesen Handel (z. B. Qualitäts-SLA), vom Gesamtbetrag abgezogen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Trade cancelled on %1 UTC, after this period: the whole period is billed</source>
        <translation>Handel am %1 UTC storniert, nach diesem Zeitraum: der ganze Zeitraum wird abgerechnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trade cancelled on %1 UTC: billed up to the cancellation</source>
        <translation>Handel am %1 UTC storniert: abgerechnet bis zur Stornierung</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Trade</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counterpart</source>
        <translation>Gegenpartei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Billed period</source>
        <translation>Abgerechneter Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Committed</source>
        <translation>Zugesagt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>95th pct</source>
        <translation>95. Perz.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price /Mbps/mo</source>
        <translation>Preis /Mbit/s/Mon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overage</source>
        <translation>Überschreitung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credits</source>
        <translation>Gutschriften</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Lines %1 · Amount %2 · Overage %3 · Credits %4 — Payable %5 · Receivable %6 · Net %7</source>
        <translation>Positionen %1 · Betrag %2 · Überschreitung %3 · Gutschriften %4 — Zu zahlen %5 · Zu erhalten %6 · Saldo %7</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::settlement::StatementsView</name>
    <message>
        <location filename="../settlement/statementsview.cpp" line="+47"/>
        <source>Billing period</source>
        <translation>Abrechnungszeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Billing &amp;period:</source>
        <translation>Abrechnungs&amp;zeitraum:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;CSV…</source>
        <translation>Als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the exchange&apos;s CSV document of this statement</source>
        <translation>Das CSV-Dokument der Börse zu dieser Abrechnung speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export P&amp;DF…</source>
        <translation>Als P&amp;DF exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the exchange&apos;s PDF document of this statement</source>
        <translation>Das PDF-Dokument der Börse zu dieser Abrechnung speichern</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Statement lines</source>
        <translation>Abrechnungspositionen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Statement not available: %1</source>
        <translation>Abrechnung nicht verfügbar: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage not available: %1</source>
        <translation>Nutzung nicht verfügbar: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Loading the statement for %1…</source>
        <translation>Lade die Abrechnung für %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No trade was delivered in %1: the statement is empty.</source>
        <translation>In %1 wurde kein Handel geliefert: die Abrechnung ist leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Statement of %1 for %2; select a line to see its usage.</source>
        <translation>Abrechnung von %1 für %2; eine Position wählen, um ihre Nutzung zu sehen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Fetching the document for %1…</source>
        <translation>Hole das Dokument für %1…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved %1 (%2, %3 bytes)</source>
        <translation>%1 gespeichert (%2, %3 Bytes)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export statement as CSV</source>
        <translation>Abrechnung als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export statement as PDF</source>
        <translation>Abrechnung als PDF exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::settlement::UsageChartView</name>
    <message>
        <location filename="../settlement/usagechartview.cpp" line="+41"/>
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>To destination (5-min rate)</source>
        <translation>Zum Ziel (5-Minuten-Rate)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From destination</source>
        <translation>Vom Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traded capacity</source>
        <translation>Gehandelte Kapazität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>95th percentile</source>
        <translation>95. Perzentil</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Time (local)</source>
        <translation>Zeit (lokal)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Select a statement line to see its usage</source>
        <translation>Eine Abrechnungsposition wählen, um ihre Nutzung zu sehen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Trade %1 — 95th percentile %2 of %3 traded (%4)</source>
        <translation>Handel %1 — 95. Perzentil %2 von %3 gehandelt (%4)</translation>
    </message>
</context>
<context>
    <name>bwx::terminal::settlement::UsageSeriesModel</name>
    <message>
        <location filename="../settlement/usageseriesmodel.cpp" line="+67"/>
        <source>5-minute bin (UTC)</source>
        <translation>5-Minuten-Intervall (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To destination</source>
        <translation>Zum Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From destination</source>
        <translation>Vom Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes to</source>
        <translation>Bytes zum Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes from</source>
        <translation>Bytes vom Ziel</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Trade %1: 95th percentile %2 of %3 committed, %4; peak %5; 5-minute bins with traffic: %6</source>
        <translation>Handel %1: 95. Perzentil %2 von %3 zugesagt, %4; Spitze %5; 5-Minuten-Intervalle mit Verkehr: %6</translation>
    </message>
</context>
</TS>
