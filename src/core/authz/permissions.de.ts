// The permission catalog in German: label and description of every permission of permissions.ts,
// by key (a unit test checks that every permission has one, and nothing else). Written in the web
// UI's German: descriptions in the subject-less third person of the built-in roles' descriptions
// ("Kann …"), the Smart Services by their product names.
import type { Permission } from './permissions.js';

export const CATALOG_DE: Record<Permission, { label: string; description: string }> = {
  'device-management:access': { label: 'Smart Service aufrufen', description: 'Kann den Device Management Service aufrufen.' },
  'device-management:devices.view': {
    label: 'Geräte ansehen',
    description: 'Kann die vorhandenen Geräte sehen und öffnen und alle Registerkarten einsehen.',
  },
  'device-management:devices.add': { label: 'Geräte hinzufügen', description: 'Kann neue Geräte hinzufügen.' },
  'device-management:devices.delete': { label: 'Geräte löschen', description: 'Kann vorhandene Geräte löschen.' },
  'device-management:devices.reset-token': {
    label: 'Geräte-Token zurücksetzen',
    description: 'Kann das Geräte-Token eines Geräts zurücksetzen.',
  },
  'device-management:devices.edit': {
    label: 'Gerätedaten bearbeiten',
    description: 'Kann Metadaten wie Gerätename, Standort, Tags oder Beschreibung ändern.',
  },
  'device-management:logs.export': { label: 'Logs exportieren', description: 'Kann die Logs eines Geräts exportieren.' },
  'device-management:firmware.update': {
    label: 'Firmware-Updates durchführen',
    description: 'Kann ein Firmware-Update eines Geräts starten.',
  },
  'device-management:metrics.assign': {
    label: 'Metriken zuweisen',
    description: 'Kann einem Gerät Metriken hinzufügen oder sie entfernen.',
  },

  'user-management:access': { label: 'Smart Service aufrufen', description: 'Kann den User Management Service aufrufen.' },
  'user-management:users.invite': { label: 'Benutzer einladen', description: 'Kann weitere Personen in die aktive Organisation einladen.' },
  'user-management:users.change-role': {
    label: 'Benutzerrolle ändern',
    description: 'Kann die Rolle anderer Benutzer ändern und ihnen so andere Rechte geben.',
  },
  'user-management:users.remove': {
    label: 'Benutzer entfernen',
    description: 'Kann Benutzer aus der aktiven Organisation entfernen und ihnen so den Zugang zur Organisation entziehen.',
  },
  'user-management:users.device-access': {
    label: 'Gerätezugriff ändern',
    description: 'Kann Mitgliedern den Zugriff auf Geräte gewähren oder entziehen.',
  },
  'user-management:roles.manage': {
    label: 'Rollen verwalten',
    description: 'Kann die eigenen Rollen der Organisation anlegen, bearbeiten und löschen.',
  },

  'service-store:access': { label: 'Smart Service aufrufen', description: 'Kann den Service Store aufrufen.' },
  'service-store:services.book': { label: 'Smart Service buchen', description: 'Kann im Service Store einen Smart Service buchen.' },
  'service-store:subscriptions.cancel': {
    label: 'Abonnement kündigen',
    description: 'Kann ein laufendes kostenpflichtiges Abonnement kündigen.',
  },
  'service-store:subscriptions.assign-metrics': {
    label: 'Metriken zuweisen',
    description: 'Kann einem Gerät innerhalb eines Abonnements Metriken zuweisen.',
  },
  'service-store:subscriptions.assign-devices': { label: 'Geräte zuweisen', description: 'Kann einem Abonnement Geräte zuweisen.' },

  'organization:create': { label: 'Organisation erstellen', description: 'Kann eine neue Organisation erstellen.' },
  'organization:rename': { label: 'Organisation umbenennen', description: 'Kann die aktive Organisation umbenennen.' },
  'organization:billing.edit': { label: 'Rechnungsdaten ändern', description: 'Kann die Rechnungsdaten der Organisation ändern.' },

  'emma:access': { label: 'Smart Service aufrufen', description: 'Kann den EMMA Service aufrufen.' },
  'emma:dashboards.view': { label: 'Dashboards anzeigen', description: 'Kann vorhandene Dashboards ansehen.' },
  'emma:dashboards.create': { label: 'Dashboard erstellen', description: 'Kann ein neues Dashboard erstellen.' },
  'emma:widgets.create': { label: 'Neues Widget erstellen', description: 'Kann in einem Dashboard ein neues Widget erstellen.' },
  'emma:dashboards.delete': { label: 'Dashboard löschen', description: 'Kann ein vorhandenes Dashboard löschen.' },
  'emma:widgets.remove': { label: 'Widget entfernen', description: 'Kann ein Widget aus einem Dashboard löschen.' },
  'emma:dashboards.edit-metadata': {
    label: 'Metadaten eines Dashboards hinzufügen/ändern',
    description: 'Kann Metadaten wie Titel oder Beschreibung ändern.',
  },
  'emma:reports.view': { label: 'Berichte anzeigen', description: 'Kann den Bereich „Berichte“ aufrufen.' },
  'emma:virtual-devices.create': {
    label: 'Neues virtuelles Gerät erstellen',
    description: 'Kann ein neues virtuelles Gerät erstellen, um es in Dashboards zu verwenden.',
  },
  'emma:energy-data.export': { label: 'Energiedaten exportieren', description: 'Kann die angezeigten Daten exportieren.' },
  'emma:widgets.use': {
    label: 'Widget verwenden',
    description: 'Kann in einem Widget verschiedene Einstellungen vornehmen (z. B. Zeitraum, Geräte oder Statistiken ändern).',
  },
  'emma:reports.download': { label: 'Bericht herunterladen', description: 'Kann im Bereich „Berichte“ einen Bericht herunterladen.' },
  'emma:reports.edit-settings': {
    label: 'Einstellungen ändern',
    description: 'Kann im Bereich „Berichte“ verschiedene Einstellungen ändern, die auf den verwendeten Dashboards beruhen.',
  },

  'tsd:access': { label: 'Smart Service aufrufen', description: 'Kann den Time Series Data Service aufrufen.' },
  'tsd:dashboards.view': {
    label: 'Dashboards anzeigen',
    description: 'Kann die Dashboards in den verschiedenen Dashboard-Gruppen aufrufen.',
  },
  'tsd:device-templates.view': {
    label: 'Gerätevorlage anzeigen',
    description: 'Kann die Gerätevorlage im Time Series Data Service aufrufen.',
  },
  'tsd:dashboards.create': { label: 'Neues Dashboard erstellen', description: 'Kann ein neues Dashboard erstellen.' },
  'tsd:dashboards.delete': { label: 'Dashboard löschen', description: 'Kann ein Dashboard löschen.' },
  'tsd:notification-channels.create': {
    label: 'Benachrichtigungskanal erstellen',
    description: 'Kann neue Benachrichtigungskanäle einrichten.',
  },
  'tsd:notification-channels.delete': {
    label: 'Benachrichtigungskanal löschen',
    description: 'Kann vorhandene Benachrichtigungskanäle löschen.',
  },
  'tsd:notification-channels.edit': {
    label: 'Benachrichtigungskanal bearbeiten',
    description: 'Kann vorhandene Benachrichtigungskanäle ändern.',
  },
  'tsd:alert-rules.create': { label: 'Alarmregeln erstellen', description: 'Kann in einem Dashboard eine neue Alarmregel erstellen.' },
  'tsd:alert-rules.edit': { label: 'Alarmregeln bearbeiten', description: 'Kann vorhandene Alarmregeln bearbeiten.' },
  'tsd:alert-rules.delete': { label: 'Alarmregeln löschen', description: 'Kann vorhandene Alarmregeln entfernen.' },
  'tsd:dashboards.favorite': { label: 'Als Favorit markieren', description: 'Kann ein vorhandenes Dashboard als Favorit markieren.' },
  'tsd:home-dashboard.change': {
    label: 'Start-Dashboard ändern',
    description: 'Kann das Start-Dashboard ändern (gilt nur für den persönlichen Zugang zum Time Series Data Service).',
  },
  'tsd:permissions.manage': {
    label: 'Individuelle Berechtigungen festlegen',
    description:
      'Kann im Time Series Data Service individuelle Berechtigungen vergeben, nach Rollen, Benutzern, Dashboard-Gruppen oder einzelnen Dashboards.',
  },

  'impulse-analytics:access': { label: 'Smart Service aufrufen', description: 'Kann den Impulse Analytics Service aufrufen.' },
  'impulse-analytics:devices.view-detail': {
    label: 'Detailansicht des Geräts anzeigen',
    description: 'Kann die Geräte im Impulse Analytics Service öffnen und die verschiedenen Zustände der Ableiter analysieren.',
  },
  'impulse-analytics:surges.view-graph': {
    label: 'Grafik des Stoßstroms anzeigen',
    description: 'Kann die grafische Darstellung eines Blitzeinschlags ansehen.',
  },
  'impulse-analytics:status-reports.create': {
    label: 'Statusbericht erstellen',
    description: 'Kann für ein bestimmtes Gerät einen Statusbericht erstellen und exportieren.',
  },
  'impulse-analytics:journal.view': { label: 'Journal anzeigen', description: 'Kann das Journal im Impulse Analytics Service aufrufen.' },
  'impulse-analytics:notifications.edit': {
    label: 'Benachrichtigungen bearbeiten',
    description: 'Kann im Journal Benachrichtigungen für bestimmte Benutzer einrichten.',
  },
  'impulse-analytics:control-api.view': {
    label: 'Control API anzeigen',
    description: 'Kann die Control API des Impulse Analytics Service aufrufen.',
  },
  'impulse-analytics:api-tokens.generate': { label: 'Neues API-Token erzeugen', description: 'Kann ein neues API-Token erzeugen lassen.' },
  'impulse-analytics:surges.download': {
    label: 'Stoßströme herunterladen',
    description: 'Kann Daten zu einzelnen Stoßströmen als CSV herunterladen.',
  },
  'impulse-analytics:arresters.configure': { label: 'Ableiter konfigurieren', description: 'Kann Ableiter hinzufügen und bearbeiten.' },
};
