#pragma once
// The rule every export dialog follows: an extension typed in the file name picks the format
// (typing r.pdf writes a PDF whichever filter is selected); a name without a known extension
// gets the selected filter's format and its suffix.

#include <QString>

#include <optional>

namespace qs::ui {

template <typename Format> struct TypedTarget
{
    QString path;  // the file to write
    Format format; // what to write in it
    bool typed;    // the typed extension decided (not the filter)
};

// `formatForPath` names the format of a file name's extension, nullopt if it knows none.
template <typename Format>
TypedTarget<Format> followTypedExtension(const QString& typedPath,
                                         std::optional<Format> (*formatForPath)(const QString&),
                                         Format selected, const QString& selectedSuffix)
{
    if (const std::optional<Format> format = formatForPath(typedPath)) {
        return {typedPath, *format, true};
    }
    return {typedPath + selectedSuffix, selected, false};
}

} // namespace qs::ui
