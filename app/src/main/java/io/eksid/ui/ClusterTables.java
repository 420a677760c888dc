package io.eksid.ui;

import io.eksid.ui.tables.FilterableTable;
import io.eksid.ui.tables.FindingsView;
import io.eksid.ui.tables.TableRows;
import java.util.function.Consumer;
import javafx.beans.property.StringProperty;

/** The cluster's tables (service accounts, associations, roles, findings), sharing the window's selection. */
final class ClusterTables {

    final FilterableTable<TableRows.ServiceAccountRow> serviceAccounts;
    final FilterableTable<TableRows.AssociationRow> associations;
    final FilterableTable<TableRows.RoleRow> roles;
    final FilterableTable<TableRows.FindingRow> findings;
    final FindingsView findingsView;

    /** @param showInGraph selects a finding's subject and shows the graph */
    ClusterTables(StringProperty selection, Consumer<String> showInGraph) {
        serviceAccounts = new FilterableTable<>("service-accounts", TableRows.ServiceAccountRow::nodeId,
                r -> r.namespace() + " " + r.name() + " " + r.irsaRole() + " " + r.association() + " " + r.status(),
                selection);
        serviceAccounts.text("Namespace", TableRows.ServiceAccountRow::namespace, 120);
        serviceAccounts.text("Service account", TableRows.ServiceAccountRow::name, 170);
        serviceAccounts.text("New pods get", TableRows.ServiceAccountRow::newPodsGet, 200);
        serviceAccounts.text("IRSA role", TableRows.ServiceAccountRow::irsaRole, 240);
        serviceAccounts.text("Association role", TableRows.ServiceAccountRow::association, 240);
        serviceAccounts.column("Pods", TableRows.ServiceAccountRow::pods, 70);
        serviceAccounts.column("Stale", TableRows.ServiceAccountRow::stalePods, 70);
        serviceAccounts.text("Status", TableRows.ServiceAccountRow::status, 200);
        associations = new FilterableTable<>("associations", TableRows.AssociationRow::nodeId,
                r -> r.associationId() + " " + r.namespace() + " " + r.serviceAccount() + " " + r.roleArn(), selection);
        associations.text("ID", TableRows.AssociationRow::associationId, 170);
        associations.text("Namespace", TableRows.AssociationRow::namespace, 120);
        associations.text("Service account", TableRows.AssociationRow::serviceAccount, 160);
        associations.wrapped("Role", TableRows.AssociationRow::roleArn, 300);
        associations.text("Target role", TableRows.AssociationRow::targetRoleArn, 200);
        associations.text("Owner", TableRows.AssociationRow::owner, 140);
        associations.wrapped("Status", TableRows.AssociationRow::status, 320);
        roles = new FilterableTable<>("roles", TableRows.RoleRow::nodeId,
                r -> r.name() + " " + r.path() + " " + r.account() + " " + r.availability(), selection);
        roles.text("Role", TableRows.RoleRow::name, 220);
        roles.text("Path", TableRows.RoleRow::path, 140);
        roles.text("Account", TableRows.RoleRow::account, 120);
        roles.text("Readable", TableRows.RoleRow::availability, 100);
        roles.column("Used by", TableRows.RoleRow::usedBy, 70);
        roles.text("Trust size", TableRows.RoleRow::trustSize, 100);
        findings = new FilterableTable<>("findings", TableRows.FindingRow::nodeId,
                r -> r.severity() + " " + r.code() + " " + r.subject() + " " + r.message(), selection);
        findings.wrapped("Finding", TableRows.FindingRow::code, 190);
        findings.wrapped("Subject", TableRows.FindingRow::subject, 230);
        findings.wrapped("What is wrong", TableRows.FindingRow::message, 520);
        findingsView = new FindingsView(findings, showInGraph);
    }

    void show(Presentation.Tables rows) {
        serviceAccounts.setRows(rows.serviceAccounts());
        associations.setRows(rows.associations());
        roles.setRows(rows.roles());
        findings.setRows(rows.findings());
    }
}
