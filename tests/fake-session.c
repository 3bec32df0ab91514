/* fake-session.c — the GNOME session manager and screen saver, as much of
 * them as GTK needs to follow the screen lock
 * (GtkApplication:screensaver-active), on the session bus of a test.
 *
 * It answers RegisterClient and GetActive, and its own SetActive (as
 * gnome-shell's does) emits ActiveChanged, so a test can lock and unlock
 * the "screen" with:
 *   gdbus call --session --dest org.gnome.ScreenSaver \
 *     --object-path /org/gnome/ScreenSaver --method org.gnome.ScreenSaver.SetActive true
 * Prints "ready" once it owns both names.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <stdio.h>

static const char introspection[] =
  "<node>"
  "  <interface name='org.gnome.SessionManager'>"
  "    <method name='RegisterClient'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='o' direction='out'/>"
  "    </method>"
  "    <method name='UnregisterClient'><arg type='o' direction='in'/></method>"
  "  </interface>"
  "  <interface name='org.gnome.ScreenSaver'>"
  "    <method name='GetActive'><arg type='b' direction='out'/></method>"
  "    <method name='SetActive'><arg type='b' direction='in'/></method>"
  "    <signal name='ActiveChanged'><arg type='b'/></signal>"
  "  </interface>"
  "</node>";

static gboolean active;
static guint names_owned;

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  if (g_str_equal (method_name, "RegisterClient"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(o)", "/org/gnome/SessionManager/Client1"));
  else if (g_str_equal (method_name, "UnregisterClient"))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else if (g_str_equal (method_name, "GetActive"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", active));
  else
    {
      g_variant_get (parameters, "(b)", &active);
      g_dbus_connection_emit_signal (connection, NULL, object_path, interface_name, "ActiveChanged",
                                     g_variant_new ("(b)", active), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  if (++names_owned == 2)
    {
      printf ("ready\n");
      fflush (stdout);
    }
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_printerr ("fake-session: could not own %s\n", name);
  g_main_loop_quit (user_data);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (bus == NULL)
    {
      g_printerr ("fake-session: %s\n", error->message);
      return 1;
    }

  g_dbus_connection_register_object (bus, "/org/gnome/SessionManager", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_dbus_connection_register_object (bus, "/org/gnome/ScreenSaver", info->interfaces[1],
                                     &vtable, NULL, NULL, &error);
  g_bus_own_name_on_connection (bus, "org.gnome.SessionManager", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, name_lost_cb, loop, NULL);
  g_bus_own_name_on_connection (bus, "org.gnome.ScreenSaver", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, name_lost_cb, loop, NULL);
  g_main_loop_run (loop);
  return 1;
}
