/* features.h - placeholder, filled by the aligner work */
#ifndef TUMEN_ANCHORS_H
#define TUMEN_ANCHORS_H
#endif
