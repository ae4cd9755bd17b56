#pragma once
// Core's warnings and errors in the interface language, where core gave them as patterns (see
// Warning::pattern, Error::pattern). Other errors keep core's English details, after the kind
// of problem in the interface language (in English they read exactly as the CLI prints them).

#include "common/error.h"
#include "common/warning.h"

#include <QString>

namespace qs::ui {

// The warning through the catalogue ("Warning" context), filled with its values, and how many
// groups had it.
QString warningText(const Warning& warning);
// As Error::describe(): "FILE: MESSAGE (at byte N)", the message through the catalogue ("Error").
QString errorText(const Error& error);

} // namespace qs::ui
