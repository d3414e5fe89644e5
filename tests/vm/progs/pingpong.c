/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pingpong SECONDS: two processes bounce a byte over a pair of pipes for
 * SECONDS, a wakeup storm with almost no work per wakeup; prints the round
 * trips.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int there[2], back[2];
	long trips = 0;
	time_t end;
	char c = 0;
	pid_t pid;

	if (argc < 2 || pipe(there) < 0 || pipe(back) < 0) {
		fprintf(stderr, "usage: pingpong SECONDS\n");
		return 2;
	}
	end = time(NULL) + atoi(argv[1]);
	pid = fork();
	if (pid == 0) {
		while (read(there[0], &c, 1) == 1 && c)
			if (write(back[1], &c, 1) != 1)
				return 1;
		return 0;
	}
	for (c = 1; time(NULL) < end; trips++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			return 1;
	c = 0;
	if (write(there[1], &c, 1) != 1)
		return 1;
	waitpid(pid, NULL, 0);
	printf("%ld\n", trips);
	return 0;
}
