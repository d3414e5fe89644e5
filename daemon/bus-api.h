/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The names of cellflashd's D-Bus interface (dbus/org.cellflash.Scheduler1.xml),
 * shared by the daemon's bus object and its clients.
 */
#ifndef CELLFLASH_BUS_API_H
#define CELLFLASH_BUS_API_H

#define BUS_NAME		"org.cellflash.Scheduler1"
#define BUS_PATH		"/org/cellflash/Scheduler1"
#define BUS_INTERFACE		"org.cellflash.Scheduler1"
#define BUS_CELLS_PATH		BUS_PATH "/cells"	/* children: cells/<id>, org.cellflash.Cell1 */
#define BUS_CELL_INTERFACE	"org.cellflash.Cell1"

#define BUS_ERROR_SHUTTING_DOWN	BUS_INTERFACE ".Error.ShuttingDown"
#define BUS_ERROR_BUSY		BUS_INTERFACE ".Error.Busy"
#define BUS_ERROR_ATTACH_FAILED	BUS_INTERFACE ".Error.AttachFailed"

/* The polkit action for every method that changes something. */
#define POLKIT_ACTION_MANAGE	"org.cellflash.scheduler.manage"

#endif
