<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChuteDeck::Ui::ChangesView</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chute fields, installed and new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router files the run touched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chute fields: nothing to compare for this change</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Chute fields that change: %n field(s) in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Router files the run changed, all undone by the rollback: %n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Router files the run changed: %n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The changed files could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router files: shown after a run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ChuteModel</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::ErrorText</name>
    <message>
        <source>Plan out of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown step function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Injected failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid step name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command not possible now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid host configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid JSON Patch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid router address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::EventLogModel</name>
    <message>
        <source>state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>todo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::EventLogPanel</name>
    <message>
        <source>All phases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by step, message or output…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::FileDiffView</name>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(binary, %n byte(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::HostConfigView</name>
    <message>
        <source>Preview the sethostconfig plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the patchhostconfig plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host configuration as YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Patch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit as YAML:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or change it with a JSON Patch (RFC 6902):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router&apos;s host configuration cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid; the same as the router&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::MainWindow</name>
    <message>
        <source>ChuteDeck — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open chute…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add router…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ChuteDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;op chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete chute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;host configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run / Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;to here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle &amp;breakpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this step &amp;fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox router fails this step once, so you can watch the rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;ChuteDeck %1&lt;/h3&gt;&lt;p&gt;Plan, step through and roll back ParaDrop chute changes on routers.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ChuteDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router address (sandbox:FOLDER, ssh://user@host/, http://host:port):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a chute folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host configuration (*.yaml *.yml *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::PlanModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirmation deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default router:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a router waits for the confirmation of an SSH change to its network before it reverts it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RollbackPanel</name>
    <message>
        <source>The run was aborted; everything it did is being undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoes step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router restored: every change of this run was undone and the router is as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore failed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back: %1 of %2 undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback: %1 of %2 undone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RouterModel</name>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RunController</name>
    <message>
        <source>A run is in progress: finish or abort it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2: %n step(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is planned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run has ended: preview the change again to run it anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 is not in the plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::RunStatusWidget</name>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChuteDeck::Ui::TimelineWidget</name>
    <message>
        <source>Seconds since the run started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned steps in run order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Plan, step through and roll back chute changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router to open (default: the default router of the preferences, else the built-in sandbox).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chute to plan at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause before every step of this function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the first step matching NAME, NAME[ARG] or abort:NAME fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the planned chute at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this view at start: plan, changes or hostconfig.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
