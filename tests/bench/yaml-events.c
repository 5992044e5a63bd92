/* The floor cfnfix races: bare libyaml event parsing of the same files,
 * nothing kept.  Prints the number of events; time it from outside. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
    size_t events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f)
            continue;
        yaml_parser_t p;
        yaml_parser_initialize(&p);
        yaml_parser_set_input_file(&p, f);
        for (;;) {
            yaml_event_t e;
            if (!yaml_parser_parse(&p, &e))
                break;
            int done = e.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&e);
            events++;
            if (done)
                break;
        }
        yaml_parser_delete(&p);
        fclose(f);
    }
    printf("%zu events\n", events);
    return 0;
}
