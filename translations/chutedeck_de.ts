<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChuteDeck::StepCatalog</name>
    <message>
        <source>Configure the Airshark spectrum monitor</source>
        <translation>Airshark-Spektrummonitor konfigurieren</translation>
    </message>
    <message>
        <source>Reload network, wireless, firewall and DHCP</source>
        <translation>Netzwerk, WLAN, Firewall und DHCP neu laden</translation>
    </message>
    <message>
        <source>Mark the point from which a rollback reloads the configuration</source>
        <translation>Punkt markieren, ab dem ein Rollback die Konfiguration neu lädt</translation>
    </message>
    <message>
        <source>Check that the configured devices exist</source>
        <translation>Prüfen, ob die konfigurierten Geräte vorhanden sind</translation>
    </message>
    <message>
        <source>Read the router&apos;s network devices and radios</source>
        <translation>Netzwerkgeräte und Funkmodule des Routers auslesen</translation>
    </message>
    <message>
        <source>Write the device settings of the host configuration</source>
        <translation>Geräteeinstellungen der Host-Konfiguration schreiben</translation>
    </message>
    <message>
        <source>Work out the DHCP settings of the chute&apos;s networks</source>
        <translation>DHCP-Einstellungen für die Netzwerke der Chute ermitteln</translation>
    </message>
    <message>
        <source>Restore the previous DHCP configuration</source>
        <translation>Vorherige DHCP-Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Write the chute&apos;s DHCP settings</source>
        <translation>DHCP-Einstellungen der Chute schreiben</translation>
    </message>
    <message>
        <source>Check that the image of service %1 is present</source>
        <translation>Prüfen, ob das Image des Dienstes %1 vorhanden ist</translation>
    </message>
    <message>
        <source>Disconnect the chute&apos;s network interfaces</source>
        <translation>Netzwerkschnittstellen der Chute trennen</translation>
    </message>
    <message>
        <source>Create the chute&apos;s network bridge</source>
        <translation>Netzwerkbrücke der Chute erstellen</translation>
    </message>
    <message>
        <source>Build or pull the image of service %1</source>
        <translation>Image des Dienstes %1 bauen oder herunterladen</translation>
    </message>
    <message>
        <source>Remove every chute container</source>
        <translation>Alle Chute-Container entfernen</translation>
    </message>
    <message>
        <source>Remove the chute&apos;s network bridge</source>
        <translation>Netzwerkbrücke der Chute entfernen</translation>
    </message>
    <message>
        <source>Stop and remove the container of service %1</source>
        <translation>Container des Dienstes %1 stoppen und entfernen</translation>
    </message>
    <message>
        <source>Remove the image of service %1</source>
        <translation>Image des Dienstes %1 entfernen</translation>
    </message>
    <message>
        <source>Restore the previous resource allocation</source>
        <translation>Vorherige Ressourcenzuteilung wiederherstellen</translation>
    </message>
    <message>
        <source>Apply the chutes&apos; CPU shares</source>
        <translation>CPU-Anteile der Chutes anwenden</translation>
    </message>
    <message>
        <source>Connect the chute&apos;s network interfaces</source>
        <translation>Netzwerkschnittstellen der Chute verbinden</translation>
    </message>
    <message>
        <source>Start the container of service %1</source>
        <translation>Container des Dienstes %1 starten</translation>
    </message>
    <message>
        <source>Remove the volume folders made for the chute</source>
        <translation>Für die Chute angelegte Volume-Ordner entfernen</translation>
    </message>
    <message>
        <source>Create the chute&apos;s volume folders</source>
        <translation>Volume-Ordner der Chute anlegen</translation>
    </message>
    <message>
        <source>Prepare the container settings</source>
        <translation>Container-Einstellungen vorbereiten</translation>
    </message>
    <message>
        <source>Delete the chute files downloaded by this change</source>
        <translation>Von dieser Änderung heruntergeladene Chute-Dateien löschen</translation>
    </message>
    <message>
        <source>Download the chute&apos;s source files</source>
        <translation>Quelldateien der Chute herunterladen</translation>
    </message>
    <message>
        <source>Load the chute&apos;s configuration</source>
        <translation>Konfiguration der Chute laden</translation>
    </message>
    <message>
        <source>Read the chute&apos;s own firewall rules</source>
        <translation>Eigene Firewall-Regeln der Chute auslesen</translation>
    </message>
    <message>
        <source>Work out the firewall zones and port forwards</source>
        <translation>Firewall-Zonen und Portweiterleitungen ermitteln</translation>
    </message>
    <message>
        <source>Restore the previous firewall configuration</source>
        <translation>Vorherige Firewall-Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Write the chute&apos;s firewall zones and redirects</source>
        <translation>Firewall-Zonen und Weiterleitungen der Chute schreiben</translation>
    </message>
    <message>
        <source>Point the web proxy at the chutes&apos; web ports</source>
        <translation>Web-Proxy auf die Web-Ports der Chutes ausrichten</translation>
    </message>
    <message>
        <source>Read the host configuration</source>
        <translation>Host-Konfiguration auslesen</translation>
    </message>
    <message>
        <source>Restore the previous host configuration</source>
        <translation>Vorherige Host-Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Write the new host configuration</source>
        <translation>Neue Host-Konfiguration schreiben</translation>
    </message>
    <message>
        <source>Release the chute&apos;s network reservations</source>
        <translation>Netzwerkreservierungen der Chute freigeben</translation>
    </message>
    <message>
        <source>Work out the layer-3 bridge settings</source>
        <translation>Einstellungen der Layer-3-Netzwerkbrücke ermitteln</translation>
    </message>
    <message>
        <source>Assign the chute&apos;s interfaces and subnets</source>
        <translation>Schnittstellen und Subnetze der Chute zuweisen</translation>
    </message>
    <message>
        <source>Work out the network sections for the chute</source>
        <translation>Netzwerkabschnitte für die Chute ermitteln</translation>
    </message>
    <message>
        <source>Restore the previous layer-3 bridge settings</source>
        <translation>Vorherige Einstellungen der Layer-3-Netzwerkbrücke wiederherstellen</translation>
    </message>
    <message>
        <source>Restore the previous network configuration</source>
        <translation>Vorherige Netzwerkkonfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Write the layer-3 bridge settings</source>
        <translation>Einstellungen der Layer-3-Netzwerkbrücke schreiben</translation>
    </message>
    <message>
        <source>Write the chute&apos;s network sections</source>
        <translation>Netzwerkabschnitte der Chute schreiben</translation>
    </message>
    <message>
        <source>Reboot the router</source>
        <translation>Router neu starten</translation>
    </message>
    <message>
        <source>Shut the router down</source>
        <translation>Router herunterfahren</translation>
    </message>
    <message>
        <source>Read which devices and subnets are in use</source>
        <translation>Auslesen, welche Geräte und Subnetze belegt sind</translation>
    </message>
    <message>
        <source>Work out the chutes&apos; CPU shares</source>
        <translation>CPU-Anteile der Chutes ermitteln</translation>
    </message>
    <message>
        <source>Check the chute&apos;s access rights</source>
        <translation>Zugriffsrechte der Chute prüfen</translation>
    </message>
    <message>
        <source>Configure telemetry</source>
        <translation>Telemetrie konfigurieren</translation>
    </message>
    <message>
        <source>Install the new ParaDrop version</source>
        <translation>Neue ParaDrop-Version installieren</translation>
    </message>
    <message>
        <source>Plan the steps of each service</source>
        <translation>Schritte jedes Dienstes planen</translation>
    </message>
    <message>
        <source>Forget every installed chute</source>
        <translation>Alle installierten Chutes vergessen</translation>
    </message>
    <message>
        <source>Restore the chute store</source>
        <translation>Chute-Speicher wiederherstellen</translation>
    </message>
    <message>
        <source>Record the chute in the chute store</source>
        <translation>Chute im Chute-Speicher eintragen</translation>
    </message>
    <message>
        <source>Work out the chute&apos;s wireless sections</source>
        <translation>WLAN-Abschnitte der Chute ermitteln</translation>
    </message>
    <message>
        <source>Restore the previous wireless configuration</source>
        <translation>Vorherige WLAN-Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Write the chute&apos;s wireless sections</source>
        <translation>WLAN-Abschnitte der Chute schreiben</translation>
    </message>
    <message>
        <source>Configure ZeroTier</source>
        <translation>ZeroTier konfigurieren</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ChangesView</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Chute fields, installed and new</source>
        <translation>Chute-Felder, installiert und neu</translation>
    </message>
    <message>
        <source>Router files the run touched</source>
        <translation>Vom Lauf berührte Router-Dateien</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Chute fields: nothing to compare for this change</source>
        <translation>Chute-Felder: für diese Änderung gibt es nichts zu vergleichen</translation>
    </message>
    <message numerus="yes">
        <source>Chute fields that change: %n field(s) in %1</source>
        <translation>
            <numerusform>Chute-Felder, die sich ändern: %n Feld in %1</numerusform>
            <numerusform>Chute-Felder, die sich ändern: %n Felder in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Router files the run changed, all undone by the rollback: %n file(s)</source>
        <translation>
            <numerusform>Vom Lauf geänderte Router-Dateien, alle beim Rollback rückgängig gemacht: %n Datei</numerusform>
            <numerusform>Vom Lauf geänderte Router-Dateien, alle beim Rollback rückgängig gemacht: %n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Router files the run changed: %n file(s)</source>
        <translation>
            <numerusform>Vom Lauf geänderte Router-Dateien: %n Datei</numerusform>
            <numerusform>Vom Lauf geänderte Router-Dateien: %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>The changed files could not be read: %1</source>
        <translation>Die geänderten Dateien konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Router files: shown after a run</source>
        <translation>Router-Dateien: werden nach einem Lauf angezeigt</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ChuteModel</name>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>Eingefroren</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Chute</source>
        <translation>Chute</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Web port</source>
        <translation>Web-Port</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ConfirmationBar</name>
    <message>
        <source>The change touched the router&apos;s network or host configuration. Confirm that the router still works, or it is reverted in %1.</source>
        <translation>Die Änderung betrifft das Netzwerk oder die Host-Konfiguration des Routers. Bestätigen Sie, dass der Router noch funktioniert, sonst wird sie in %1 zurückgerollt.</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurückrollen</translation>
    </message>
    <message>
        <source>&amp;Extend by a minute</source>
        <translation>Um eine Minute &amp;verlängern</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ConnectDialog</name>
    <message>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>Connect to router</source>
        <translation>Mit Router verbinden</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <source>&amp;Root path:</source>
        <translation>&amp;Wurzelpfad:</translation>
    </message>
    <message>
        <source>&amp;Log in with:</source>
        <translation>&amp;Anmelden mit:</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>&amp;Schlüsseldatei:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>SSH (OpenWrt or Linux router)</source>
        <translation>SSH (OpenWrt- oder Linux-Router)</translation>
    </message>
    <message>
        <source>HTTP (chutedeck-agent)</source>
        <translation>HTTP (chutedeck-agent)</translation>
    </message>
    <message>
        <source>HTTPS (chutedeck-agent)</source>
        <translation>HTTPS (chutedeck-agent)</translation>
    </message>
    <message>
        <source>SSH agent and default keys</source>
        <translation>SSH-Agent und Standardschlüssel</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>R&amp;emember the password in the keyring</source>
        <translation>Passwort im Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <source>root</source>
        <translation>root</translation>
    </message>
    <message>
        <source>The folder on the router that holds its configuration: / on a real router</source>
        <translation>Der Ordner auf dem Router, der seine Konfiguration enthält: / auf einem echten Router</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ErrorText</name>
    <message>
        <source>Plan out of order</source>
        <translation>Plan in falscher Reihenfolge</translation>
    </message>
    <message>
        <source>Unknown step function</source>
        <translation>Unbekannte Schrittfunktion</translation>
    </message>
    <message>
        <source>Step failed</source>
        <translation>Schritt fehlgeschlagen</translation>
    </message>
    <message>
        <source>Injected failure</source>
        <translation>Absichtlich ausgelöster Fehler</translation>
    </message>
    <message>
        <source>Invalid step name</source>
        <translation>Ungültiger Schrittname</translation>
    </message>
    <message>
        <source>Command not possible now</source>
        <translation>Befehl derzeit nicht möglich</translation>
    </message>
    <message>
        <source>Invalid chute</source>
        <translation>Ungültige Chute</translation>
    </message>
    <message>
        <source>Invalid host configuration</source>
        <translation>Ungültige Host-Konfiguration</translation>
    </message>
    <message>
        <source>Invalid JSON Patch</source>
        <translation>Ungültiger JSON Patch</translation>
    </message>
    <message>
        <source>Change rejected</source>
        <translation>Änderung abgelehnt</translation>
    </message>
    <message>
        <source>Invalid router address</source>
        <translation>Ungültige Router-Adresse</translation>
    </message>
    <message>
        <source>Router error</source>
        <translation>Router-Fehler</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation>Befehl fehlgeschlagen</translation>
    </message>
    <message>
        <source>Incomplete change</source>
        <translation>Unvollständige Änderung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Router unreachable</source>
        <translation>Router nicht erreichbar</translation>
    </message>
    <message>
        <source>Router busy</source>
        <translation>Router belegt</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::EventLogModel</name>
    <message>
        <source>state</source>
        <translation>zustand</translation>
    </message>
    <message>
        <source>todo</source>
        <translation>schritt</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>rückgängig</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::EventLogPanel</name>
    <message>
        <source>All phases</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Undo steps</source>
        <translation>Rückgängig-Schritte</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Any chute</source>
        <translation>Jede Chute</translation>
    </message>
    <message>
        <source>Filter by step, message or output…</source>
        <translation>Nach Schritt, Meldung oder Ausgabe filtern…</translation>
    </message>
    <message>
        <source>Phase filter</source>
        <translation>Phasenfilter</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Chute filter</source>
        <translation>Chute-Filter</translation>
    </message>
    <message>
        <source>Text filter</source>
        <translation>Textfilter</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::FileDiffView</name>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>created</source>
        <translation>erstellt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message numerus="yes">
        <source>(binary, %n byte(s))</source>
        <translation>
            <numerusform>(binär, %n Byte)</numerusform>
            <numerusform>(binär, %n Bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::HostConfigView</name>
    <message>
        <source>Preview the sethostconfig plan</source>
        <translation>Vorschau des sethostconfig-Plans</translation>
    </message>
    <message>
        <source>Preview the patchhostconfig plan</source>
        <translation>Vorschau des patchhostconfig-Plans</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Host configuration</source>
        <translation>Host-Konfiguration</translation>
    </message>
    <message>
        <source>Host configuration as YAML</source>
        <translation>Host-Konfiguration als YAML</translation>
    </message>
    <message>
        <source>JSON Patch</source>
        <translation>JSON Patch</translation>
    </message>
    <message>
        <source>Edit as YAML:</source>
        <translation>Als YAML bearbeiten:</translation>
    </message>
    <message>
        <source>Or change it with a JSON Patch (RFC 6902):</source>
        <translation>Oder mit einem JSON Patch (RFC 6902) ändern:</translation>
    </message>
    <message>
        <source>The router&apos;s host configuration cannot be read: %1</source>
        <translation>Die Host-Konfiguration des Routers kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Valid; the same as the router&apos;s.</source>
        <translation>Gültig; identisch mit der des Routers.</translation>
    </message>
    <message>
        <source>Valid.</source>
        <translation>Gültig.</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::MainWindow</name>
    <message>
        <source>ChuteDeck — %1</source>
        <translation>ChuteDeck — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>Ä&amp;nderung</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Open chute…</source>
        <translation>Chute ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Add router…</source>
        <translation>Router &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;About ChuteDeck</source>
        <translation>Ü&amp;ber ChuteDeck</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>S&amp;tart chute</source>
        <translation>Chute &amp;starten</translation>
    </message>
    <message>
        <source>St&amp;op chute</source>
        <translation>Chute s&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Restart chute</source>
        <translation>Chute &amp;neu starten</translation>
    </message>
    <message>
        <source>&amp;Delete chute</source>
        <translation>Chute &amp;löschen</translation>
    </message>
    <message>
        <source>Set &amp;host configuration…</source>
        <translation>&amp;Host-Konfiguration festlegen…</translation>
    </message>
    <message>
        <source>&amp;Preview plan</source>
        <translation>&amp;Vorschau des Plans</translation>
    </message>
    <message>
        <source>&amp;Run / Continue</source>
        <translation>&amp;Ausführen / Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>&amp;Schritt</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Abort</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>Run &amp;to here</source>
        <translation>Bis hie&amp;rher ausführen</translation>
    </message>
    <message>
        <source>Toggle &amp;breakpoint</source>
        <translation>&amp;Haltepunkt umschalten</translation>
    </message>
    <message>
        <source>Make this step &amp;fail</source>
        <translation>Diesen Schritt &amp;fehlschlagen lassen</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Host configuration</source>
        <translation>Host-Konfiguration</translation>
    </message>
    <message>
        <source>About ChuteDeck</source>
        <translation>Über ChuteDeck</translation>
    </message>
    <message>
        <source>Add router</source>
        <translation>Router hinzufügen</translation>
    </message>
    <message>
        <source>Router address (sandbox:FOLDER, ssh://user@host/, http://host:port):</source>
        <translation>Router-Adresse (sandbox:FOLDER, ssh://user@host/, http://host:port):</translation>
    </message>
    <message>
        <source>Open a chute folder</source>
        <translation>Chute-Ordner öffnen</translation>
    </message>
    <message>
        <source>Host configuration (*.yaml *.yml *.json)</source>
        <translation>Host-Konfiguration (*.yaml *.yml *.json)</translation>
    </message>
    <message>
        <source>Planned %1</source>
        <translation>Geplant: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Go to &amp;routers</source>
        <translation>Zu den &amp;Routern</translation>
    </message>
    <message>
        <source>Go to &amp;chutes</source>
        <translation>Zu den &amp;Chutes</translation>
    </message>
    <message>
        <source>Go to the &amp;plan</source>
        <translation>Zum &amp;Plan</translation>
    </message>
    <message>
        <source>Go to the &amp;event log</source>
        <translation>Zum &amp;Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Routers</source>
        <translation>Router</translation>
    </message>
    <message>
        <source>Chutes</source>
        <translation>Chutes</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ChuteDeck %1&lt;/h3&gt;&lt;p&gt;Plan, step through and roll back ParaDrop chute changes on routers.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;libssh %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ChuteDeck %1&lt;/h3&gt;&lt;p&gt;ParaDrop-Chute-Änderungen auf Routern planen, schrittweise ausführen und zurückrollen.&lt;/p&gt;&lt;p&gt;Qt %2 (kompiliert mit %3)&lt;br&gt;libssh %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Connect to router…</source>
        <translation>Mit Router &amp;verbinden…</translation>
    </message>
    <message>
        <source>&amp;Edit connection…</source>
        <translation>Verbindung &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Forget router</source>
        <translation>Router &amp;vergessen</translation>
    </message>
    <message>
        <source>The sandbox router (or an agent started with --allow-fault-injection) fails this step once, so you can watch the rollback</source>
        <translation>Der Sandbox-Router (oder ein mit --allow-fault-injection gestarteter Agent) lässt diesen Schritt einmal fehlschlagen, damit sich der Rollback beobachten lässt</translation>
    </message>
    <message>
        <source>The password was not saved in the keyring: %1</source>
        <translation>Das Passwort wurde nicht im Schlüsselbund gespeichert: %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinden mit %1…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>The host configuration of an HTTP router is not shown: open the router over SSH to see it.</source>
        <translation>Die Host-Konfiguration eines HTTP-Routers wird nicht angezeigt: Öffnen Sie den Router über SSH, um sie zu sehen.</translation>
    </message>
    <message>
        <source>Planning on %1…</source>
        <translation>Plan wird auf %1 erstellt…</translation>
    </message>
    <message numerus="yes">
        <source>Planned on %1: %n step(s)</source>
        <translation>
            <numerusform>Auf %1 geplant: %n Schritt</numerusform>
            <numerusform>Auf %1 geplant: %n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>Change confirmed.</source>
        <translation>Änderung bestätigt.</translation>
    </message>
    <message>
        <source>Change reverted: the router is as it was before.</source>
        <translation>Änderung zurückgerollt: Der Router ist wieder wie vorher.</translation>
    </message>
    <message>
        <source>Pending change on the router</source>
        <translation>Offene Änderung auf dem Router</translation>
    </message>
    <message>
        <source>Change %1 on this router awaits confirmation until %2.</source>
        <translation>Die Änderung %1 auf diesem Router wartet bis %2 auf Bestätigung.</translation>
    </message>
    <message>
        <source>Change %1 on this router did not finish: its run was interrupted, and it holds the router&apos;s lock.</source>
        <translation>Die Änderung %1 auf diesem Router wurde nicht beendet: Ihr Lauf wurde unterbrochen, und sie hält die Sperre des Routers.</translation>
    </message>
    <message>
        <source>Revert puts the router back as it was before the change.</source>
        <translation>Zurückrollen stellt den Router so wieder her, wie er vor der Änderung war.</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurückrollen</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>&amp;Leave it</source>
        <translation>&amp;Belassen</translation>
    </message>
    <message>
        <source>Change %1 reverted.</source>
        <translation>Änderung %1 zurückgerollt.</translation>
    </message>
    <message>
        <source>Change %1 confirmed.</source>
        <translation>Änderung %1 bestätigt.</translation>
    </message>
    <message>
        <source>Checking that a new connection to %1 works…</source>
        <translation>Prüfe, ob eine neue Verbindung zu %1 funktioniert …</translation>
    </message>
    <message>
        <source>A new connection to %1 failed (%2): the change awaits your confirmation.</source>
        <translation>Eine neue Verbindung zu %1 ist fehlgeschlagen (%2): Die Änderung wartet auf Ihre Bestätigung.</translation>
    </message>
    <message>
        <source>Change confirmed: a new connection to %1 works.</source>
        <translation>Änderung bestätigt: Eine neue Verbindung zu %1 funktioniert.</translation>
    </message>
    <message>
        <source>Change %1, at %2: no confirmation came by its deadline.</source>
        <translation>Änderung %1, um %2: Bis zur Frist kam keine Bestätigung.</translation>
    </message>
    <message>
        <source>Change %1, at %2: the session that ran it was lost mid-run.</source>
        <translation>Änderung %1, um %2: Die Sitzung, die sie ausführte, brach mitten im Lauf ab.</translation>
    </message>
    <message>
        <source>Changes reverted by the router</source>
        <translation>Vom Router zurückgenommene Änderungen</translation>
    </message>
    <message>
        <source>The router put itself back as it was before these changes:</source>
        <translation>Der Router hat sich auf den Stand vor diesen Änderungen zurückgesetzt:</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::PlanModel</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>Rückgängig: %1</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation>Haltepunkt</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Chutes</source>
        <translation>Chutes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Undo steps</source>
        <translation>Rückgängig-Schritte</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Confirmation deadline:</source>
        <translation>&amp;Bestätigungsfrist:</translation>
    </message>
    <message>
        <source>&amp;Default router:</source>
        <translation>S&amp;tandard-Router:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>How long a router waits for the confirmation of a change to its network before it reverts it</source>
        <translation>Wie lange ein Router auf die Bestätigung einer Änderung an seinem Netzwerk wartet, bevor er sie zurücknimmt</translation>
    </message>
    <message>
        <source>Confirm network changes &amp;by hand</source>
        <translation>Netzwerkänderungen von &amp;Hand bestätigen</translation>
    </message>
    <message>
        <source>Off: once a change to a router&apos;s network succeeded, ChuteDeck confirms it as soon as a new connection to the router works. On: the countdown waits for you.</source>
        <translation>Aus: Ist eine Änderung am Netzwerk eines Routers gelungen, bestätigt ChuteDeck sie, sobald eine neue Verbindung zum Router funktioniert. Ein: Der Countdown wartet auf Sie.</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RollbackPanel</name>
    <message>
        <source>The run was aborted; everything it did is being undone.</source>
        <translation>Der Lauf wurde abgebrochen; alles, was er getan hat, wird rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Step %1 failed: %2</source>
        <translation>Schritt %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Undoes step %1</source>
        <translation>Macht Schritt %1 rückgängig</translation>
    </message>
    <message>
        <source>Router restored: every change of this run was undone and the router is as it was before.</source>
        <translation>Router wiederhergestellt: Jede Änderung dieses Laufs wurde rückgängig gemacht, der Router ist wieder im vorherigen Zustand.</translation>
    </message>
    <message>
        <source>Restore failed at %1.</source>
        <translation>Wiederherstellung fehlgeschlagen bei %1.</translation>
    </message>
    <message>
        <source>Rolling back: %1 of %2 undone</source>
        <translation>Rollback läuft: %1 von %2 rückgängig gemacht</translation>
    </message>
    <message>
        <source>Rollback: %1 of %2 undone</source>
        <translation>Rollback: %1 von %2 rückgängig gemacht</translation>
    </message>
    <message>
        <source>Restore failed while the transaction was restored.</source>
        <translation>Die Wiederherstellung der Transaktion ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RouterConnector</name>
    <message>
        <source>Unknown host key</source>
        <translation>Unbekannter Host-Schlüssel</translation>
    </message>
    <message>
        <source>This router&apos;s host key is not known yet. Its SHA256 fingerprint is

%1

Compare it with the router&apos;s own. Add the key to the known hosts and connect?</source>
        <translation>Der Host-Schlüssel dieses Routers ist noch nicht bekannt. Sein SHA256-Fingerabdruck ist

%1

Vergleichen Sie ihn mit dem des Routers. Schlüssel zu den bekannten Hosts hinzufügen und verbinden?</translation>
    </message>
    <message>
        <source>Router login</source>
        <translation>Anmeldung am Router</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a router address.</source>
        <translation>„%1“ ist keine Router-Adresse.</translation>
    </message>
    <message>
        <source>%1: no password given</source>
        <translation>%1: kein Passwort angegeben</translation>
    </message>
    <message>
        <source>The keyring did not give the saved password: %1</source>
        <translation>Der Schlüsselbund hat das gespeicherte Passwort nicht herausgegeben: %1</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>Passwort für %1:</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <source>The agent %1 presents a certificate that is not known yet. Its SHA256 fingerprint is

%2

Compare it with the agent&apos;s own. Pin the certificate and connect?</source>
        <translation>Der Agent %1 zeigt ein Zertifikat, das noch nicht bekannt ist. Sein SHA256-Fingerabdruck ist

%2

Vergleichen Sie ihn mit dem des Agenten. Das Zertifikat anheften und verbinden?</translation>
    </message>
    <message>
        <source>%1: the agent&apos;s certificate %2 was not accepted; not connected.</source>
        <translation>%1: Das Zertifikat %2 des Agenten wurde nicht angenommen; nicht verbunden.</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RouterModel</name>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>Router</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RunController</name>
    <message>
        <source>A run is in progress: finish or abort it first.</source>
        <translation>Ein Lauf ist im Gange: zuerst abschließen oder abbrechen.</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2: %n step(s)</source>
        <extracomment>%1 is the change&apos;s type (create, update, sethostconfig...), %2 the chutes it changes</extracomment>
        <translation>
            <numerusform>%1 für %2: %n Schritt</numerusform>
            <numerusform>%1 für %2: %n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is planned.</source>
        <translation>Nichts geplant.</translation>
    </message>
    <message>
        <source>The run has ended: preview the change again to run it anew.</source>
        <translation>Der Lauf ist beendet: Für einen neuen Lauf erneut die Vorschau der Änderung erstellen.</translation>
    </message>
    <message>
        <source>Step %1 is not in the plan.</source>
        <translation>Schritt %1 ist nicht im Plan.</translation>
    </message>
    <message>
        <source>The last change awaits confirmation: confirm or revert it first.</source>
        <translation>Die letzte Änderung wartet auf Bestätigung: Bestätigen Sie sie zuerst oder rollen Sie sie zurück.</translation>
    </message>
    <message>
        <source>No change is awaiting confirmation.</source>
        <translation>Keine Änderung wartet auf Bestätigung.</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RunStatusWidget</name>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>undo %1 of %2</source>
        <translation>Rückgängig-Schritt %1 von %2</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::StatusText</name>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>rolling back</source>
        <translation>wird zurückgerollt</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgerollt</translation>
    </message>
    <message>
        <source>rollback failed</source>
        <translation>Rollback fehlgeschlagen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Configuration generation</source>
        <translation>Konfigurationserzeugung</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Write configuration</source>
        <translation>Konfiguration schreiben</translation>
    </message>
    <message>
        <source>Operations on config changes</source>
        <translation>Aktionen bei Konfigurationsänderungen</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source> (installed version)</source>
        <translation> (installierte Version)</translation>
    </message>
    <message>
        <source>Uploading %1: %2 of %3 KiB</source>
        <translation>%1 wird hochgeladen: %2 von %3 KiB</translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::TimelineWidget</name>
    <message>
        <source>Seconds since the run started</source>
        <translation>Sekunden seit Beginn des Laufs</translation>
    </message>
    <message>
        <source>Planned steps in run order</source>
        <translation>Geplante Schritte in Ausführungsreihenfolge</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>Host: enter the router&apos;s name or address.</source>
        <translation>Host: Geben Sie den Namen oder die Adresse des Routers ein.</translation>
    </message>
    <message>
        <source>Host: &apos;%1&apos; is not a host name or address.</source>
        <translation>Host: „%1“ ist kein Hostname und keine Adresse.</translation>
    </message>
    <message>
        <source>Port: %1 is not between 1 and 65535.</source>
        <translation>Port: %1 liegt nicht zwischen 1 und 65535.</translation>
    </message>
    <message>
        <source>User: an HTTP router needs the agent account to log in with.</source>
        <translation>Benutzer: Ein HTTP-Router braucht das Agent-Konto, mit dem angemeldet wird.</translation>
    </message>
    <message>
        <source>Key file: choose the private key to log in with.</source>
        <translation>Schlüsseldatei: Wählen Sie den privaten Schlüssel für die Anmeldung.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Plan, step through and roll back chute changes.</source>
        <translation>Chute-Änderungen planen, schrittweise ausführen und zurückrollen.</translation>
    </message>
    <message>
        <source>The router to open (default: the default router of the preferences, else the built-in sandbox).</source>
        <translation>Der zu öffnende Router (Vorgabe: der Standard-Router aus den Einstellungen, sonst die eingebaute Sandbox).</translation>
    </message>
    <message>
        <source>A chute to plan at start.</source>
        <translation>Eine beim Start zu planende Chute.</translation>
    </message>
    <message>
        <source>Pause before every step of this function.</source>
        <translation>Vor jedem Schritt dieser Funktion anhalten.</translation>
    </message>
    <message>
        <source>Make the first step matching NAME, NAME[ARG] or abort:NAME fail.</source>
        <translation>Den ersten Schritt, auf den NAME, NAME[ARG] oder abort:NAME passt, fehlschlagen lassen.</translation>
    </message>
    <message>
        <source>Run the planned chute at once.</source>
        <translation>Die geplante Chute sofort ausführen.</translation>
    </message>
    <message>
        <source>Show this view at start: plan, changes or hostconfig.</source>
        <translation>Diese Ansicht beim Start zeigen: plan, changes oder hostconfig.</translation>
    </message>
    <message>
        <source>Use this language (en, de) instead of the preferences&apos;.</source>
        <translation>Diese Sprache (en, de) statt der aus den Einstellungen verwenden.</translation>
    </message>
    <message>
        <source>The user to log in as on an ssh://, http:// or https:// router.</source>
        <translation>Der Benutzer, als der auf einem ssh://-, http://- oder https://-Router angemeldet wird.</translation>
    </message>
    <message>
        <source>Read the router&apos;s password from the first line of FILE.</source>
        <translation>Das Passwort des Routers aus der ersten Zeile von FILE lesen.</translation>
    </message>
    <message>
        <source>Show the Connect dialog at start.</source>
        <translation>Beim Start den Verbinden-Dialog zeigen.</translation>
    </message>
    <message>
        <source>Changes to networking or the host configuration wait SECONDS for confirmation, on every router.</source>
        <translation>Änderungen am Netzwerk oder an der Host-Konfiguration warten auf jedem Router SECONDS Sekunden auf Bestätigung.</translation>
    </message>
    <message>
        <source>ssh:// routers: log in with this private key file.</source>
        <translation>ssh://-Router: mit dieser privaten Schlüsseldatei anmelden.</translation>
    </message>
    <message>
        <source>ssh:// routers: the known hosts file (default: ~/.ssh/known_hosts).</source>
        <translation>ssh://-Router: die Datei der bekannten Hosts (Vorgabe: ~/.ssh/known_hosts).</translation>
    </message>
    <message>
        <source>Leave changes awaiting confirmation to the countdown instead of confirming them once the router answers a new connection.</source>
        <translation>Änderungen, die auf Bestätigung warten, dem Countdown überlassen, statt sie zu bestätigen, sobald der Router eine neue Verbindung annimmt.</translation>
    </message>
</context>
</TS>
