/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflashd's object on the system bus: org.cellflash.Scheduler1 at
 * /org/cellflash/Scheduler1 (dbus/org.cellflash.Scheduler1.xml). It reads
 * and acts only through bus-backend.h.
 */
#ifndef CELLFLASH_BUS_H
#define CELLFLASH_BUS_H

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

typedef struct Bus Bus;

/*
 * Connects to the system bus, exports the object and asks for the name (the
 * answer comes later, on @event). @backend is passed to the bus_backend_*()
 * functions. Returns 0, or a negative errno after logging a warning: the
 * caller then goes on without the interface.
 */
int bus_start(Bus **ret, sd_event *event, void *backend);
Bus *bus_free(Bus *b);
static inline void bus_freep(Bus **b)
{
	if (*b)
		bus_free(*b);
}

/* The connection, for others watching the bus; NULL without one. */
sd_bus *bus_connection(Bus *b);

/* Announce changes (PropertiesChanged; cells: InterfacesAdded/Removed). @b may be NULL. */
void bus_emit_state_changed(Bus *b);	/* State, RestartCount, LastExit* */
void bus_emit_power_changed(Bus *b);	/* PrimaryDomain*, PowerProfile* */
void bus_emit_cells_changed(Bus *b);	/* the cell objects, their CPUs, NrCells */
/* The cells now are exported as they are: later changes are announced. */
void bus_sync_cells(Bus *b);

#endif
