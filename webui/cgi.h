/* webui: the web UI's CGI programs, one multi-call program (netd's binary
 * under the names in /www/cgi-bin/). netd has authenticated the request
 * and checked its CSRF token before running one; a CGI only talks to netd
 * through the command socket, never touches a file. */
#ifndef WEBUI_CGI_H
#define WEBUI_CGI_H

/**
 * webui_main() - run the CGI named by @argv[0]'s last component (status,
 * network, ssh, system, log) on the CGI/1.1 environment.
 * Return: the exit code (0, or 1 after a "500" reply).
 */
int webui_main(int argc, char **argv);

/**
 * webui_is_cgi() - is @path (argv[0]) one of the CGI names, run as a CGI
 * (under /cgi-bin/, or by its bare name with GATEWAY_INTERFACE set)?
 */
int webui_is_cgi(const char *path);

#endif
